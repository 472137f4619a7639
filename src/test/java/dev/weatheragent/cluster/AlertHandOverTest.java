package dev.weatheragent.cluster;

import dev.weatheragent.cluster.ClusterHarness.Instance;
import dev.weatheragent.fakes.FakeOpenMeteo.Hour;
import dev.weatheragent.fakes.FakeTelegram.Sent;
import dev.weatheragent.fakes.MutableClock;
import dev.weatheragent.store.PostgresFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * Two replicas with leader election on one PostgreSQL: only the leader checks and alerts, and after a hand-over the
 * new leader does not alert the same event again but does alert the next one.
 */
class AlertHandOverTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** 12:00 in Kyiv in winter. */
    private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");
    private final MutableClock clock = new MutableClock(START);
    private final ClusterHarness cluster;

    AlertHandOverTest() throws Exception {
        cluster = new ClusterHarness(clock);
        cluster.store = PostgresFixture.config(PostgresFixture.shared().newDatabase());
        cluster.meteo.hourlyWeather(t -> Hour.FAIR);
    }

    @AfterEach
    void close() throws Exception {
        try {
            cluster.stopAll();
        } finally {
            cluster.close();
        }
    }

    private String ask(long chat, String text) throws InterruptedException {
        int before = cluster.telegram.sentTo(chat).size();
        cluster.telegram.sendText(chat, text, "en");
        return cluster.telegram.awaitSentTo(chat, before + 1, WAIT).get(before).plainText();
    }

    private List<Sent> scheduled(long chat) {
        return cluster.telegram.sentTo(chat).stream().filter(s -> s.replyTo() == null).toList();
    }

    private void awaitScheduled(long chat, int count) throws InterruptedException {
        ClusterHarness.await(WAIT, () -> scheduled(chat).size() >= count,
                () -> "chat " + chat + " got " + scheduled(chat));
        Thread.sleep(1500);
        assertThat("chat " + chat + ", nothing twice", scheduled(chat), hasSize(count));
    }

    private List<String> messagesFrom(Instance instance) {
        return cluster.telegram.callers().stream().filter(c -> c.equals(instance.name + " sendMessage")).toList();
    }

    @Test
    void onlyTheLeaderAlertsAndTheNextLeaderAlertsNothingTwice() throws Exception {
        Instance a = cluster.start("weather-agent-a");
        cluster.awaitPolling(a, WAIT);
        Instance b = cluster.start("weather-agent-b");
        // Gusts of 70 km/h from 13:00 to 18:00 local.
        Instant from = Instant.parse("2026-01-15T12:00:00Z");
        Instant to = Instant.parse("2026-01-15T16:00:00Z");
        cluster.meteo.hourlyWeather(t -> !t.isBefore(from) && !t.isAfter(to) ? Hour.FAIR.withGusts(70) : Hour.FAIR);
        for (long chat = 1; chat <= 3; chat++) {
            ask(chat, "/home Kyiv");
            assertThat(ask(chat, "/alerts on"), containsString("Weather alerts on"));
        }
        for (long chat = 1; chat <= 3; chat++) {
            awaitScheduled(chat, 1);
        }
        assertThat("the standby sent nothing of its own", messagesFrom(b), is(empty()));

        a.stop();
        cluster.awaitPolling(b, WAIT);
        clock.set(START.plus(Duration.ofHours(2)));
        for (long chat = 1; chat <= 3; chat++) {
            awaitScheduled(chat, 1);
        }

        // After a calm evening, a thunderstorm: a new event, from the new leader.
        cluster.meteo.hourlyWeather(t -> t.equals(Instant.parse("2026-01-15T21:00:00Z")) ? Hour.FAIR.withCode(95)
                : Hour.FAIR);
        clock.set(Instant.parse("2026-01-15T19:30:00Z"));
        for (long chat = 1; chat <= 3; chat++) {
            awaitScheduled(chat, 2);
        }
        assertThat(scheduled(1).get(1).plainText(), containsString("Thunderstorm"));
        assertThat("the new leader sent them", messagesFrom(b), hasSize(3));
    }
}
