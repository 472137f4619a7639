package dev.weatheragent.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weatheragent.fakes.FakeHttpServer;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.fakes.FakeTelegram.Poll;
import dev.weatheragent.fakes.FakeTelegram.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The poll loop under faults, load and bad input, through the real wiring against the fake servers. */
class PollingEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final BotHarness h;

    PollingEndToEndTest() throws Exception {
        h = new BotHarness();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"conflict", "rate-limited", "bad-gateway", "garbage", "dropped", "not-json-envelope"})
    void getUpdatesFailuresAreSurvivedAndTheBotAnswersAfterwards(String fault) throws Exception {
        h.telegram.failPolls(switch (fault) {
            case "conflict" -> FakeTelegram.error(409, "Conflict: terminated by other getUpdates request");
            case "rate-limited" -> FakeTelegram.tooManyRequests(1);
            case "bad-gateway" -> FakeHttpServer.respond(502, "text/html", "<html>502</html>".getBytes());
            case "garbage" -> FakeHttpServer.json(200, "this is not json");
            case "dropped" -> FakeHttpServer.drop();
            default -> FakeHttpServer.json(200, "{\"ok\":true,\"result\":{\"not\":\"an array\"}}");
        });
        h.start();
        h.telegram.sendText(1, "/help", "en");
        h.telegram.awaitSentTo(1, 1, WAIT);
        List<Poll> polls = h.telegram.polls();
        Duration gap = Duration.between(polls.get(0).at(), polls.get(1).at());
        Duration minimum = switch (fault) {
            case "conflict" -> BotHarness.POLL_TIMEOUT;
            case "rate-limited" -> Duration.ofSeconds(1);
            default -> Duration.ofMillis(500);
        };
        assertThat("waited before polling again after " + fault, gap.toMillis(),
                greaterThanOrEqualTo(minimum.toMillis()));
        assertThat(h.telegram.specViolations(), is(empty()));
    }

    @Test
    void aRateLimitedSendIsRetriedAfterRetryAfter() throws Exception {
        h.start();
        h.telegram.failSends(FakeTelegram.tooManyRequests(1));
        long start = System.nanoTime();
        h.telegram.sendText(2, "/help", "en");
        Sent reply = h.telegram.awaitSentTo(2, 1, WAIT).getFirst();
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis(), greaterThanOrEqualTo(1000L));
        assertThat(reply.plainText(), containsString("/weather"));
    }

    /** Three attempts used to be the limit; a reply now waits out any number of transient failures. */
    @Test
    void aReplyOutlivesALegacy429AndMoreTransientFailuresThanAFixedRetryCount() throws Exception {
        h.start();
        h.telegram.failSends(FakeTelegram.tooManyRequestsInDescription(1), FakeTelegram.error(502, "Bad Gateway"),
                FakeHttpServer.drop(), FakeTelegram.tooManyRequestsWithoutDelay());
        long start = System.nanoTime();
        h.telegram.sendText(30, "/help", "en");
        Sent reply = h.telegram.awaitSentTo(30, 1, WAIT).getFirst();
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis(), greaterThanOrEqualTo(1000L));
        assertThat(reply.plainText(), containsString("/weather"));
        assertThat(h.telegram.calls().stream().filter("sendMessage"::equals).count(), equalTo(5L));
        h.telegram.awaitAllConfirmed(WAIT);
    }

    @Test
    void aChatThatBlockedTheBotIsConfirmedWithoutRetriesAndOtherChatsAreServed() throws Exception {
        h.start();
        h.telegram.blockedBy(31);
        h.telegram.sendText(31, "/weather Kyiv", "en");
        h.telegram.sendText(32, "/help", "en");
        h.telegram.awaitSentTo(32, 1, WAIT);
        h.telegram.awaitAllConfirmed(WAIT);
        assertThat(h.telegram.sentTo(31), is(empty()));
        assertThat("one attempt for the blocked chat, one for the other",
                h.telegram.calls().stream().filter("sendMessage"::equals).count(), equalTo(2L));
    }

    @Test
    void aBurstFromManyChatsIsAnsweredInOrderWithinEachChat() throws Exception {
        h.start();
        int chats = 20;
        int perChat = 5;
        for (int round = 1; round <= perChat; round++) {
            for (int chat = 1; chat <= chats; chat++) {
                h.telegram.sendText(1000 + chat, "/forecast Kyiv " + round, "en");
            }
        }
        for (int chat = 1; chat <= chats; chat++) {
            List<Sent> replies = h.telegram.awaitSentTo(1000 + chat, perChat, Duration.ofSeconds(60));
            List<String> titles = new ArrayList<>();
            replies.forEach(r -> titles.add(r.plainText().lines().findFirst().orElseThrow()));
            for (int round = 1; round <= perChat; round++) {
                assertThat(titles.get(round - 1), containsString(round + "-day forecast"));
            }
        }
        h.telegram.awaitAllConfirmed(WAIT);
        assertThat(h.telegram.sent(), hasSize(chats * perChat));
    }

    @Test
    void aSlowChatDoesNotHoldBackOthersAndItsUpdateStaysUnconfirmedUntilAnswered() throws Exception {
        h.start();
        h.meteo.delay(Duration.ofSeconds(3));
        long slow = h.telegram.sendText(3, "/weather Kyiv", "en");
        Thread.sleep(300);
        h.meteo.delay(Duration.ZERO);
        h.telegram.sendText(4, "/help", "en");
        h.telegram.awaitSentTo(4, 1, WAIT);
        assertThat("the slow chat has no answer yet", h.telegram.sentTo(3), is(empty()));
        assertThat("its update is not confirmed while in flight", h.telegram.unconfirmed(), hasItem(slow));
        assertThat(h.telegram.awaitSentTo(3, 1, WAIT).getFirst().plainText(), startsWith("Kyiv"));
        h.telegram.awaitAllConfirmed(WAIT);
        assertThat("one answer each, nothing twice", h.telegram.sent(), hasSize(2));
    }

    @Test
    void aFloodingChatIsCappedAndOthersAreStillServed() throws Exception {
        h.start();
        h.meteo.delay(Duration.ofSeconds(1));
        for (int i = 0; i < 40; i++) {
            h.telegram.sendText(5, "/weather Kyiv", "en");
        }
        h.telegram.sendText(6, "/help", "en");
        h.telegram.awaitSentTo(6, 1, WAIT);
        h.meteo.delay(Duration.ZERO);
        h.telegram.awaitAllConfirmed(Duration.ofSeconds(60));
        int answered = h.telegram.sentTo(5).size();
        assertThat("extra messages were dropped, not queued without bound", answered, lessThan(40));
        assertThat(answered, greaterThanOrEqualTo(10));
    }

    @Test
    void onlyAllowedChatsAreServedAndOthersGetOneRefusalWithoutWeatherCalls() throws Exception {
        h.start(Set.of(1L));
        for (int i = 0; i < 3; i++) {
            h.telegram.sendText(2, "/weather Kyiv", "en");
        }
        h.telegram.sendText(1, "/weather Kyiv", "en");
        h.telegram.awaitSentTo(1, 1, WAIT);
        h.telegram.awaitAllConfirmed(WAIT);
        List<Sent> refused = h.telegram.sentTo(2);
        assertThat(refused, hasSize(1));
        assertThat(refused.getFirst().plainText(), containsString("private"));
        assertThat("only the allowed chat's lookups", h.meteo.requests(), equalTo(2));
    }

    @Test
    void malformedAndUnexpectedUpdatesAreSkippedAndConfirmed() throws Exception {
        ObjectMapper json = new ObjectMapper();
        h.telegram.sendRawUpdate("message", json.getNodeFactory().textNode("not a message"));
        h.telegram.sendRawUpdate("message", json.createObjectNode().put("message_id", 1));
        h.telegram.sendRawUpdate("edited_message", json.createObjectNode().put("message_id", 2));
        h.telegram.sendRawUpdate("callback_query", json.createObjectNode().put("id", "x"));
        ObjectNode noId = json.createObjectNode();
        noId.putObject("message").put("message_id", 3);
        h.telegram.sendRawJson(noId, 5000);
        h.telegram.sendText(7, "x".repeat(100_000), "en");
        h.telegram.sendText(7, "/weather \uD800\uDFFF\uDC00 Kyiv\u0000\u202E", "en");
        h.telegram.sendText(7, "/help", "en");
        h.start();
        List<Sent> replies = h.telegram.awaitSentTo(7, 3, WAIT);
        assertThat(replies.get(0).plainText(), containsString("/weather Kyiv"));
        assertThat(replies.get(1).plainText(), containsString("couldn’t find"));
        assertThat(replies.get(1).plainText(), not(containsString("\u0000")));
        assertThat(replies.get(2).plainText(), containsString("Weather bot"));
        h.telegram.awaitAllConfirmed(WAIT);
        assertThat(h.telegram.specViolations(), is(empty()));
    }

    @Test
    void aWebhookIsDeletedWithoutDroppingPendingUpdates() throws Exception {
        h.telegram.webhook("https://example.invalid/hook");
        h.telegram.sendText(8, "/help", "en");
        h.start();
        h.telegram.awaitSentTo(8, 1, WAIT);
        assertThat(h.telegram.webhookUrl(), equalTo(""));
        assertThat(h.telegram.webhookDeletedDroppingPending(), is(false));
    }

    @Test
    void healthIsUpWhilePollingAndLivenessFailsWhenTheLoopIsStuck() throws Exception {
        h.start();
        h.telegram.sendText(9, "/help", "en");
        h.telegram.awaitSentTo(9, 1, WAIT);
        assertThat(h.health("/health/live"), equalTo(200));
        assertThat(h.health("/health/ready"), equalTo(200));
        String body = h.healthBody("/health/live");
        assertThat(body, containsString("\"status\":\"UP\""));
        assertThat(body, not(containsString(FakeTelegram.TOKEN)));
        // A response that trickles one byte a second never trips the socket read timeout: the loop hangs.
        h.telegram.failPolls(FakeHttpServer.trickle(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int live = 200;
        while (live == 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            live = h.health("/health/live");
        }
        assertThat(live, equalTo(503));
        assertThat(h.health("/health/ready"), equalTo(503));
    }
}
