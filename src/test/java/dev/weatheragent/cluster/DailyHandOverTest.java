package dev.weatheragent.cluster;

import dev.weatheragent.cluster.ClusterHarness.Instance;
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
 * Two replicas with leader election on one PostgreSQL: only the leader delivers daily forecasts, and after a
 * hand-over the new leader delivers what is due, nothing twice, with the forecasts the old leader fetched ahead.
 */
class DailyHandOverTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** 07:00 in Kyiv; the forecasts are at 07:30 local, 05:30 UTC. */
    private static final Instant DUE = Instant.parse("2026-01-15T05:30:00Z");
    private final MutableClock clock = new MutableClock(DUE.minusSeconds(1800));
    private final ClusterHarness cluster;

    DailyHandOverTest() throws Exception {
        cluster = new ClusterHarness(clock);
        cluster.store = PostgresFixture.config(PostgresFixture.shared().newDatabase());
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
    void onlyTheLeaderDeliversAndTheNextLeaderDeliversWhatIsDueOnce() throws Exception {
        Instance a = cluster.start("weather-agent-a");
        cluster.awaitPolling(a, WAIT);
        Instance b = cluster.start("weather-agent-b");
        for (long chat = 1; chat <= 3; chat++) {
            ask(chat, "/home Kyiv");
            assertThat(ask(chat, "/daily 7:30"), containsString("Every day at 07:30"));
        }

        clock.set(DUE);
        for (long chat = 1; chat <= 3; chat++) {
            awaitScheduled(chat, 1);
        }
        assertThat("the standby sent nothing", messagesFrom(b), is(empty()));

        a.stop();
        cluster.awaitPolling(b, WAIT);
        clock.set(DUE.plus(Duration.ofDays(1)));
        for (long chat = 1; chat <= 3; chat++) {
            awaitScheduled(chat, 2);
        }
        assertThat(scheduled(1).get(1).plainText(), containsString("Fri 16 Jan"));
        assertThat("the new leader sent them", messagesFrom(b), hasSize(3));
    }
    private long dailyForecastCalls() {
        return cluster.meteo.forecastCalls().stream().filter(c -> c.days() == 1).count();
    }

    @Test
    void theNextLeaderSendsWhatTheOldOneFetchedAheadWithoutFetchingItAgain() throws Exception {
        // Subscribed before the look-ahead reaches the due time, as a subscription of yesterday is.
        clock.set(DUE.minus(Duration.ofHours(2)));
        Instance a = cluster.start("weather-agent-a");
        cluster.awaitPolling(a, WAIT);
        Instance b = cluster.start("weather-agent-b");
        ask(1, "/home Kyiv");
        ask(1, "/daily 7:30");
        ask(2, "/home Lviv");
        ask(2, "/daily 7:30");
        // Half an hour ahead, within the look-ahead: the leader fetches both places before they are due.
        clock.set(DUE.minus(Duration.ofMinutes(30)));
        ClusterHarness.await(WAIT, () -> dailyForecastCalls() == 2, () -> "fetched ahead: " + dailyForecastCalls());

        a.stop();
        cluster.awaitPolling(b, WAIT);
        clock.set(DUE);
        awaitScheduled(1, 1);
        awaitScheduled(2, 1);

        assertThat("the new leader sent them", messagesFrom(b), hasSize(2));
        assertThat(scheduled(2).getFirst().plainText(), containsString("Lviv"));
        assertThat("no place was fetched a second time", dailyForecastCalls(), is(2L));
    }
}
