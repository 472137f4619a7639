package dev.weatheragent.chart;

import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChartServiceTest {

    private static final ChartData DATA = ChartData.of(
            Forecasts.typical("UTC", LocalDate.of(2026, 11, 28), 10), 2, Units.METRIC,
            Instant.parse("2026-11-28T12:00:00Z"));
    private static final ChartLabels LABELS = ForecastChartRendererTest.labels("Test", Units.METRIC, Locale.ENGLISH);

    @Test
    void nothingIsCreatedBeforeTheFirstChartAndTheRendererOnlyOnce() {
        AtomicInteger created = new AtomicInteger();
        ChartService service = new ChartService(() -> {
            created.incrementAndGet();
            return (data, labels) -> new byte[] {1, 2, 3};
        }, 1, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(created.get(), is(0));
        assertThat(service.render(DATA, LABELS), equalTo(new byte[] {1, 2, 3}));
        service.render(DATA, LABELS);
        assertThat(created.get(), is(1));
    }

    @Test
    void drawsOnItsOwnPlatformThreads() throws InterruptedException {
        List<String> threads = new ArrayList<>();
        ChartService service = new ChartService(() -> (data, labels) -> {
            threads.add(Thread.currentThread().getName() + (Thread.currentThread().isVirtual() ? " virtual" : ""));
            return new byte[0];
        }, 1, Duration.ofSeconds(1), Duration.ofSeconds(5));
        Thread.ofVirtual().start(() -> service.render(DATA, LABELS)).join(Duration.ofSeconds(10));
        assertThat(threads, equalTo(List.of("chart-render-1")));
    }

    @Test
    void atMostParallelChartsAreDrawnAndLateRequestsGiveUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ChartService service = new ChartService(() -> (data, labels) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return new byte[] {7};
        }, 2, Duration.ofMillis(300), Duration.ofSeconds(10));
        List<Thread> first = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            first.add(Thread.ofVirtual().start(() -> service.render(DATA, LABELS)));
        }
        while (running.get() < 2) {
            Thread.sleep(5);
        }
        ChartUnavailableException busy = assertThrows(ChartUnavailableException.class,
                () -> service.render(DATA, LABELS));
        assertThat(busy.getMessage(), startsWith("busy"));
        release.countDown();
        for (Thread t : first) {
            t.join(Duration.ofSeconds(10));
        }
        assertThat(most.get(), is(2));
        assertThat("a turn is free again", service.render(DATA, LABELS), equalTo(new byte[] {7}));
    }

    @Test
    void failuresAndSlowDrawingsBecomeChartUnavailable() {
        ChartService failing = new ChartService(() -> (data, labels) -> {
            throw new java.awt.AWTError("no fonts");
        }, 1, Duration.ofSeconds(1), Duration.ofSeconds(5));
        ChartUnavailableException e = assertThrows(ChartUnavailableException.class,
                () -> failing.render(DATA, LABELS));
        assertThat(e.getMessage(), containsString("no fonts"));

        ChartService broken = new ChartService(() -> {
            throw new NoClassDefFoundError("java/awt/Color");
        }, 1, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThrows(ChartUnavailableException.class, () -> broken.render(DATA, LABELS));

        ChartService slow = new ChartService(() -> (data, labels) -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return new byte[0];
        }, 1, Duration.ofSeconds(1), Duration.ofMillis(200));
        assertThat(assertThrows(ChartUnavailableException.class, () -> slow.render(DATA, LABELS)).getMessage(),
                containsString("longer than"));
        // The timed-out drawing was interrupted, so the next one gets the thread.
        assertThrows(ChartUnavailableException.class, () -> slow.render(DATA, LABELS));
    }
}
