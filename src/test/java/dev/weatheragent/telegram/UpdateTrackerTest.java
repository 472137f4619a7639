package dev.weatheragent.telegram;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

class UpdateTrackerTest {

    private final UpdateTracker tracker = new UpdateTracker();

    @Test
    void freshTrackerAsksFromZero() {
        assertThat(tracker.nextOffset(), is(0L));
        assertThat(tracker.inFlight(), is(0));
    }

    @Test
    void offsetStaysAtTheInFlightUpdate() {
        assertThat(tracker.begin(100), is(true));
        assertThat(tracker.nextOffset(), is(100L));
        assertThat(tracker.inFlight(), is(1));

        tracker.finish(100);
        assertThat(tracker.nextOffset(), is(101L));
        assertThat(tracker.inFlight(), is(0));
    }

    @Test
    void offsetNeverPassesTheLowestUpdateInFlight() {
        tracker.begin(10);
        tracker.begin(11);
        tracker.begin(12);

        tracker.finish(12);
        tracker.finish(11);
        assertThat(tracker.nextOffset(), is(10L));

        tracker.finish(10);
        assertThat(tracker.nextOffset(), is(13L));
    }

    @Test
    void offsetMovesOnlyUpToTheNextUpdateStillInFlight() {
        tracker.begin(10);
        tracker.begin(11);
        tracker.begin(12);
        tracker.finish(10);
        assertThat(tracker.nextOffset(), is(11L));
        tracker.finish(12);
        assertThat(tracker.nextOffset(), is(11L));
        tracker.finish(11);
        assertThat(tracker.nextOffset(), is(13L));
    }

    @Test
    void duplicateIsRefusedWhileInFlight() {
        assertThat(tracker.begin(5), is(true));
        assertThat(tracker.begin(5), is(false));
        assertThat(tracker.inFlight(), is(1));
    }

    @Test
    void updateDoneButNotYetConfirmedIsRefused() {
        // 20 blocks the offset, so 21 finishes but stays unconfirmed; Telegram sends it again.
        tracker.begin(20);
        tracker.begin(21);
        tracker.finish(21);
        assertThat(tracker.nextOffset(), is(20L));

        assertThat(tracker.begin(21), is(false));
        assertThat(tracker.inFlight(), is(1));

        tracker.finish(20);
        assertThat(tracker.nextOffset(), is(22L));
        assertThat(tracker.begin(21), is(false));
        assertThat(tracker.begin(20), is(false));
        assertThat(tracker.begin(22), is(true));
    }

    @Test
    void idsBelowTheOffsetAreRefused() {
        tracker.begin(50);
        tracker.finish(50);
        assertThat(tracker.begin(49), is(false));
        assertThat(tracker.begin(1), is(false));
        assertThat(tracker.begin(51), is(true));
    }

    @Test
    void idBelowAnUpdateInFlightIsRefused() {
        tracker.begin(50);
        assertThat(tracker.begin(49), is(false));
        assertThat(tracker.nextOffset(), is(50L));
    }

    @Test
    void gapsInIdsAreFine() {
        tracker.begin(7);
        tracker.begin(1000);
        tracker.finish(7);
        assertThat(tracker.nextOffset(), is(1000L));
        tracker.finish(1000);
        assertThat(tracker.nextOffset(), is(1001L));
    }

    @Test
    void finishOfAnUnknownUpdateChangesNothing() {
        tracker.begin(3);
        tracker.finish(99);
        tracker.finish(3);
        tracker.finish(3);
        assertThat(tracker.nextOffset(), is(4L));
        assertThat(tracker.inFlight(), is(0));
        assertThat(tracker.begin(99), is(true));
    }

    @Test
    void manyUpdatesFinishedInRandomOrder() {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (long id = 1000; id < 1200; id++) {
            assertThat(tracker.begin(id), is(true));
            ids.add(id);
        }
        java.util.Collections.shuffle(ids, new java.util.Random(17));
        java.util.TreeSet<Long> open = new java.util.TreeSet<>(ids);
        for (long id : ids) {
            tracker.finish(id);
            open.remove(id);
            assertThat(tracker.nextOffset(), is(open.isEmpty() ? 1200L : open.first()));
        }
    }

    @Test
    void awaitIdleReturnsAtOnceWhenNothingIsInFlight() throws InterruptedException {
        assertThat(tracker.awaitIdle(Duration.ofSeconds(30)), is(true));
    }

    @Test
    void awaitIdleTimesOutWhileSomethingIsInFlight() throws InterruptedException {
        tracker.begin(1);
        long start = System.nanoTime();
        assertThat(tracker.awaitIdle(Duration.ofMillis(50)), is(false));
        assertThat(System.nanoTime() - start, greaterThanOrEqualTo(50_000_000L));
    }

    @Test
    void awaitIdleWithZeroTimeoutDoesNotBlock() throws InterruptedException {
        tracker.begin(1);
        assertThat(tracker.awaitIdle(Duration.ZERO), is(false));
    }

    @Test
    void awaitIdleWakesWhenTheLastUpdateFinishes() throws Exception {
        tracker.begin(1);
        tracker.begin(2);
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean idle = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                waiting.countDown();
                idle.set(tracker.awaitIdle(Duration.ofSeconds(30)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        });
        assertThat(waiting.await(10, TimeUnit.SECONDS), is(true));
        tracker.finish(1);
        // One update is still in flight: the waiter must keep waiting.
        assertThat(done.await(100, TimeUnit.MILLISECONDS), is(false));
        long start = System.nanoTime();
        tracker.finish(2);
        assertThat(done.await(10, TimeUnit.SECONDS), is(true));
        assertThat(idle.get(), is(true));
        assertThat(System.nanoTime() - start, lessThan(TimeUnit.SECONDS.toNanos(10)));
        waiter.join();
    }

    @Test
    void awaitFinishReturnsAtOnceWhenNothingIsInFlight() throws InterruptedException {
        long start = System.nanoTime();
        tracker.awaitFinish(Duration.ofSeconds(30));
        assertThat(System.nanoTime() - start, lessThan(TimeUnit.SECONDS.toNanos(10)));
    }

    @Test
    void awaitFinishTimesOut() throws InterruptedException {
        tracker.begin(1);
        long start = System.nanoTime();
        // Returns after the timeout (or a spurious wake-up, which callers tolerate), never blocks for good.
        tracker.awaitFinish(Duration.ofMillis(30));
        assertThat(System.nanoTime() - start, lessThan(TimeUnit.SECONDS.toNanos(10)));
        assertThat(tracker.inFlight(), is(1));
    }

    @Test
    void awaitFinishWakesWhenAnyUpdateFinishes() throws Exception {
        tracker.begin(1);
        tracker.begin(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                started.countDown();
                tracker.awaitFinish(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                returned.countDown();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS), is(true));
        // Wait until the waiter really is in wait(): it holds the monitor until then, so finish() blocks.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(returned.getCount(), is(1L));
        tracker.finish(2);
        assertThat(returned.await(10, TimeUnit.SECONDS), is(true));
        waiter.join();
    }

    @Test
    void interruptedWaitThrows() {
        tracker.begin(1);
        Thread.currentThread().interrupt();
        try {
            tracker.awaitIdle(Duration.ofSeconds(30));
            org.junit.jupiter.api.Assertions.fail("expected InterruptedException");
        } catch (InterruptedException expected) {
            assertThat(Thread.currentThread().isInterrupted(), is(false));
        }
    }
}
