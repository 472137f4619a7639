package dev.weatheragent.cluster;

import dev.weatheragent.cluster.ClusterHarness.ApiRequest;
import dev.weatheragent.cluster.ClusterHarness.Instance;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.fakes.FakeTelegram.PollSpan;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Two bot instances built by {@code Main.wire} with leader election, one fake Telegram, fabric8's mock API server
 * in CRUD mode: only the Lease holder polls, a standby takes over, nothing is lost or answered twice, and the fake
 * Telegram checks after every test that no two {@code getUpdates} were ever open at the same moment, and the chart's
 * Role that every API call the instances made is granted.
 */
class LeaderElectionTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final LeaseTiming TIMING = ClusterHarness.TIMING;
    private final ClusterHarness cluster;
    private final LogCapture logs = new LogCapture();

    LeaderElectionTest() throws Exception {
        cluster = new ClusterHarness();
    }

    @AfterEach
    void checkAndClose() throws Exception {
        try {
            cluster.stopAll();
            assertThat("no two getUpdates at the same moment", cluster.telegram.overlappingPolls(), is(empty()));
            assertThat(cluster.telegram.specViolations(), is(empty()));
            List<ApiRequest> requests = cluster.appRequests();
            assertThat(requests, is(not(empty())));
            assertThat("every API call is granted by the chart's Role",
                    requests.stream().map(r -> ChartRole.refusal(r.method(), r.path())).filter(Objects::nonNull)
                            .distinct().toList(), is(empty()));
        } finally {
            cluster.close();
            logs.close();
        }
    }

    @Test
    void stoppingTheLeaderHandsOverWithinAboutASecondWithoutLosingOrRepeatingAnUpdate() throws Exception {
        Instance a = cluster.start("weather-agent-a");
        cluster.awaitPolling(a, WAIT);
        Instance b = cluster.start("weather-agent-b");
        cluster.telegram.sendText(1, "/help", "en");
        cluster.telegram.awaitSentTo(1, 1, WAIT);
        assertThat(a.health("/health/ready"), allOf("200", "\"role\":\"leader\""));
        assertThat("a standby is alive and ready", b.health("/health/ready"), allOf("200", "\"role\":\"standby\""));

        // Still being answered when the leader stops: answered once, by the old leader, and confirmed by it.
        cluster.meteo.delay(Duration.ofMillis(700));
        int before = cluster.meteo.requests();
        cluster.telegram.sendText(2, "/weather Kyiv", "en");
        ClusterHarness.await(WAIT, () -> cluster.meteo.requests() > before, () -> "the slow update was not fetched");
        Thread sender = Thread.ofVirtual().start(() -> sendHelp(10, 20, 150));
        Instant stopping = Instant.now();
        a.stop();
        Instant stopped = Instant.now();
        cluster.meteo.delay(Duration.ZERO);
        cluster.awaitPolling(b, WAIT);
        sender.join();

        cluster.telegram.awaitSentTo(2, 1, WAIT);
        awaitEachAnsweredOnce(10, 20);
        assertThat("chat 2 answered once", cluster.telegram.sentTo(2), hasSize(1));
        assertThat(cluster.telegram.sent(), hasSize(12));
        PollSpan lastOfA = a.polls().getLast();
        PollSpan firstOfB = b.polls().getFirst();
        Duration afterStopCall = Duration.between(stopping, firstOfB.start());
        Duration afterLastPoll = Duration.between(lastOfA.end(), firstOfB.start());
        System.out.printf("TAKEOVER graceful stop: stop() took %d ms (draining an update in flight); the standby"
                        + " polled %d ms after stop() was called, %d ms after the old leader's last getUpdates%n",
                Duration.between(stopping, stopped).toMillis(), afterStopCall.toMillis(), afterLastPoll.toMillis());
        // fabric8 retries acquiring after the retry period plus up to 1.2 times it in jitter.
        assertThat("the released Lease is taken at the standby's next attempt", afterLastPoll.toMillis(),
                lessThan(TIMING.retryPeriod().multipliedBy(22).dividedBy(10).plusMillis(400).toMillis()));
        assertThat(afterStopCall.toMillis(), lessThan(TIMING.leaseDuration().plus(ClusterHarness.POLL_TIMEOUT)
                .toMillis()));

        assertThat(cluster.events(), hasItems("Pod/weather-agent-a LeaderElected Normal",
                "Pod/weather-agent-a LeaderReleased Normal", "Pod/weather-agent-b LeaderElected Normal"));
        assertThat("a takeover is no cause for alarm", logs.lines(Level.WARNING, "dev.weatheragent", "io.fabric8"),
                is(empty()));
    }

    @Test
    void aLeaderCutOffFromTheApiServerStopsPollingBeforeItsLeaseCanExpireAndTheStandbyTakesOver()
            throws Exception {
        Instance a = cluster.start("weather-agent-a");
        cluster.awaitPolling(a, WAIT);
        Instance b = cluster.start("weather-agent-b");
        // Answering it, the leader starts a fresh long poll about now, which it must abort at its renew deadline.
        cluster.telegram.sendText(1, "/help", "en");
        cluster.telegram.awaitSentTo(1, 1, WAIT);

        Instant cut = Instant.now();
        a.proxy.cut();
        // Quiet until the leader's renew deadline passed, so that it sits in a long poll when it has to stop;
        // then messages while nobody leads, which the new leader must answer.
        Thread sender = Thread.ofVirtual().start(() -> {
            sleepUntil(cut.plus(TIMING.renewDeadline()).plusMillis(300));
            sendHelp(30, 36, 150);
        });
        cluster.awaitPolling(b, WAIT);
        Instant bPolls = b.polls().getFirst().start();
        sender.join();
        awaitEachAnsweredOnce(30, 36);

        // The last renewal came at most one retry period (and a request) before the cut, so the Lease could
        // expire no earlier than this; the leader must have stopped polling before.
        Instant earliestExpiry = cut.plus(TIMING.leaseDuration()).minus(TIMING.retryPeriod()).minusMillis(100);
        PollSpan lastOfA = a.polls().getLast();
        PollSpan lastLongPollOfA = a.polls().stream().filter(p -> p.timeout() > 0).toList().getLast();
        System.out.printf("TAKEOVER leader cut off from the API server: it stopped polling %d ms after the cut"
                        + " (renew deadline %d ms), the standby polled %d ms after the cut (lease %d ms)%n",
                Duration.between(cut, lastOfA.end()).toMillis(), TIMING.renewDeadline().toMillis(),
                Duration.between(cut, bPolls).toMillis(), TIMING.leaseDuration().toMillis());
        assertThat("the cut-off leader stopped polling before its Lease could expire",
                lastOfA.end().isBefore(earliestExpiry), is(true));
        assertThat("its long poll was aborted, not left to run out",
                Duration.between(lastLongPollOfA.start(), lastLongPollOfA.end()).toMillis(),
                lessThan(ClusterHarness.POLL_TIMEOUT.minusMillis(500).toMillis()));
        assertThat(Duration.between(cut, bPolls).toMillis(), lessThan(TIMING.leaseDuration()
                .plus(ClusterHarness.POLL_TIMEOUT).toMillis()));
        assertThat("alive and standing by", a.health("/health/live"), allOf("200", "\"role\":\"standby\""));
        assertThat(b.health("/health/live"), allOf("200", "\"role\":\"leader\""));

        // Back on the network, the old leader sees the new one and stays a standby.
        int connections = a.proxy.forwarded();
        a.proxy.restore();
        Instant restored = Instant.now();
        ClusterHarness.await(WAIT, () -> a.proxy.forwarded() > connections, () -> "no API call after the restore");
        Thread.sleep(TIMING.retryPeriod().toMillis());
        assertThat(a.polls().stream().filter(p -> p.start().isAfter(restored)).toList(), is(empty()));
        assertThat(cluster.holder(), is("weather-agent-b"));
        cluster.telegram.sendText(50, "/help", "en");
        awaitEachAnsweredOnce(50, 51);
        assertThat(cluster.events(), hasItem("Pod/weather-agent-b LeaderElected Normal"));
        assertThat(logs.lines(Level.WARNING, "dev.weatheragent.cluster"),
                hasItem(containsString("stopped polling Telegram: no renewal of Lease bots/weather-agent succeeded")));
    }

    @Test
    void whileTheApiServerIsUnreachableNobodyPollsAndPollingResumesWhenItAnswers() throws Exception {
        Instance a = cluster.start("weather-agent-a");
        cluster.awaitPolling(a, WAIT);
        Instance b = cluster.start("weather-agent-b");

        Instant cut = Instant.now();
        a.proxy.cut();
        b.proxy.cut();
        Instant earliestExpiry = cut.plus(TIMING.leaseDuration()).minus(TIMING.retryPeriod()).minusMillis(100);
        // Sent once the leader's renew deadline passed: nobody may fetch it until the API server answers again.
        sleepUntil(cut.plus(TIMING.renewDeadline()).plusMillis(300));
        cluster.telegram.sendText(60, "/help", "en");
        sleepUntil(earliestExpiry.plusSeconds(1));
        assertThat("nobody polls without a Lease it could renew", cluster.telegram.pollSpans().stream()
                .filter(p -> p.end() == null || p.end().isAfter(earliestExpiry)).toList(), is(empty()));
        assertThat(cluster.telegram.sentTo(60), is(empty()));

        Instant restored = Instant.now();
        a.proxy.restore();
        b.proxy.restore();
        ClusterHarness.await(WAIT, () -> cluster.telegram.pollSpans().stream()
                .anyMatch(p -> p.start().isAfter(restored)), () -> "nobody polls after the API server came back");
        Instant resumed = cluster.telegram.pollSpans().stream().map(PollSpan::start)
                .filter(start -> start.isAfter(restored)).findFirst().orElseThrow();
        System.out.printf("TAKEOVER API server back after %d ms: polling resumed %d ms later%n",
                Duration.between(cut, restored).toMillis(), Duration.between(restored, resumed).toMillis());
        awaitEachAnsweredOnce(60, 61);
        cluster.telegram.awaitAllConfirmed(WAIT);
    }

    @Test
    void aConflictRightAfterATakeoverIsWaitedOutQuietly() throws Exception {
        Instance a = cluster.start("weather-agent-a");
        cluster.awaitPolling(a, WAIT);
        Instance b = cluster.start("weather-agent-b");
        a.stop();
        // As when the old leader died mid-poll: Telegram keeps its long poll open and answers the new one 409.
        cluster.telegram.failPolls(FakeTelegram.error(409, "Conflict: terminated by other getUpdates request;"
                + " make sure that only one bot instance is running"));
        cluster.awaitPolling(b, WAIT);
        cluster.telegram.sendText(70, "/help", "en");
        awaitEachAnsweredOnce(70, 71);
        List<PollSpan> polls = b.polls();
        assertThat("backed off one poll timeout after the 409", Duration.between(polls.get(0).start(),
                polls.get(1).start()).toMillis(), greaterThanOrEqualTo(
                ClusterHarness.POLL_TIMEOUT.toMillis()));
        assertThat(logs.lines(Level.INFO, "dev.weatheragent.telegram"),
                hasItem(containsString("right after this instance took over polling")));
        assertThat(logs.lines(Level.WARNING, "dev.weatheragent", "io.fabric8"), is(empty()));
    }

    private static void sleepUntil(Instant moment) {
        try {
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), moment).toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendHelp(long fromChat, long toChat, long gapMillis) {
        for (long chat = fromChat; chat < toChat; chat++) {
            cluster.telegram.sendText(chat, "/help", "en");
            try {
                Thread.sleep(gapMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void awaitEachAnsweredOnce(long fromChat, long toChat) throws InterruptedException {
        for (long chat = fromChat; chat < toChat; chat++) {
            cluster.telegram.awaitSentTo(chat, 1, WAIT);
        }
        cluster.telegram.awaitAllConfirmed(WAIT);
        Thread.sleep(200);
        for (long chat = fromChat; chat < toChat; chat++) {
            assertThat("chat " + chat + " answered exactly once", cluster.telegram.sentTo(chat), hasSize(1));
        }
    }

    private static Matcher<String> allOf(String status, String detail) {
        return Matchers.allOf(startsWith(status), containsString(detail));
    }
}
