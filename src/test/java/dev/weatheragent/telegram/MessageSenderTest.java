package dev.weatheragent.telegram;

import dev.weatheragent.fakes.FakeHttpServer;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.telegram.MessageSender.Destination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

/**
 * What the sender does with every kind of answer Telegram (or a proxy in front of it) gives, through the real
 * {@link TelegramClient} against the fake Bot API. Backoff starts at 10 ms here, so that many failures stay quick.
 */
class MessageSenderTest {

    private final FakeTelegram telegram;
    private final MessageSender sender;
    private final Logger logger = Logger.getLogger(MessageSender.class.getName());
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    MessageSenderTest() throws Exception {
        telegram = new FakeTelegram(Clock.systemUTC());
        sender = new MessageSender(new TelegramClient(telegram.baseUrl(), FakeTelegram.TOKEN, BotMetrics.off()),
                SendRateLimiter.none(), new Random(7), Duration.ofMillis(10), Duration.ofMillis(40), BotMetrics.off());
        logger.addHandler(capture);
    }

    @AfterEach
    void close() throws Exception {
        logger.removeHandler(capture);
        try {
            assertThat(telegram.specViolations(), is(empty()));
        } finally {
            telegram.close();
        }
    }

    private static Destination chat(long id) {
        return new Destination(id, null, null);
    }

    private static byte[] png() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    private long sendMessageCalls() {
        return telegram.calls().stream().filter("sendMessage"::equals).count();
    }

    private List<String> messages(String containing) {
        return logged.stream().map(LogRecord::getMessage).filter(m -> m.contains(containing)).toList();
    }

    @Test
    void a429WithTheDelayOnlyInTheDescriptionIsWaitedOutAndDelivered() throws Exception {
        telegram.failSends(FakeTelegram.tooManyRequestsInDescription(1));
        long started = System.nanoTime();
        assertThat(sender.sendHtml(chat(1), "<b>Kyiv</b> 5 °C"), is(true));
        assertThat("waited the second the description names",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), greaterThanOrEqualTo(1000L));
        assertThat(telegram.sentTo(1), hasSize(1));
        assertThat(telegram.sentTo(1).getFirst().plainText(), equalTo("Kyiv 5 °C"));
        assertThat(sendMessageCalls(), equalTo(2L));
    }

    @Test
    void a429WithoutAnyDelayBacksOffAndDelivers() throws Exception {
        telegram.failSends(FakeTelegram.tooManyRequestsWithoutDelay(), FakeTelegram.tooManyRequestsWithoutDelay(),
                FakeHttpServer.respond(429, "text/html", "<html>429 Too Many Requests</html>"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(sender.sendHtml(chat(2), "hello"), is(true));
        assertThat(telegram.sentTo(2), hasSize(1));
        assertThat(sendMessageCalls(), equalTo(4L));
    }

    @Test
    void transientFailuresAreRetriedHoweverManyUntilTheReplyIsDelivered() throws Exception {
        telegram.failSends(FakeTelegram.error(502, "Bad Gateway"),
                FakeHttpServer.respond(502, "text/html", "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)),
                FakeHttpServer.drop(),
                FakeTelegram.error(500, "Internal Server Error"),
                FakeTelegram.tooManyRequests(0),
                FakeHttpServer.json(200, "not json at all"),
                FakeTelegram.error(503, "Service Unavailable"),
                FakeTelegram.error(504, "Gateway Timeout"),
                FakeHttpServer.drop(),
                FakeTelegram.error(502, "Bad Gateway"),
                FakeTelegram.error(502, "Bad Gateway"));
        assertThat(sender.sendHtml(chat(3), "still here"), is(true));
        assertThat(telegram.sentTo(3), hasSize(1));
        assertThat(sendMessageCalls(), equalTo(12L));
        assertThat("the first failure and the tenth are warnings, the rest debug",
                logged.stream().filter(r -> r.getLevel() == Level.WARNING).count(), equalTo(2L));
        assertThat(messages("delivered after 11 failed attempts"), hasSize(1));
    }

    @Test
    void picturesAreRetriedLikeTexts() throws Exception {
        telegram.failPhotos(FakeTelegram.tooManyRequestsInDescription(1), FakeHttpServer.drop(),
                FakeTelegram.error(502, "Bad Gateway"));
        assertThat(sender.sendPhoto(chat(4), png(), "<b>chart</b>"), is(true));
        assertThat(telegram.photos(), hasSize(1));
    }

    @Test
    void blockedAndVanishedChatsAreLoggedOncePerChatAndTheirRepliesDropped() throws Exception {
        telegram.blockedBy(5);
        telegram.chatGone(6);
        for (int i = 0; i < 3; i++) {
            assertThat(sender.sendHtml(chat(5), "reply " + i), is(false));
            assertThat(sender.sendHtml(chat(6), "reply " + i), is(false));
        }
        assertThat("one attempt per reply, no retries", sendMessageCalls(), equalTo(6L));
        assertThat(messages("cannot be reached"), hasSize(2));
        assertThat(messages("chat 5 cannot be reached").getFirst(), containsString("blocked by the user"));
        assertThat(messages("chat 6 cannot be reached").getFirst(), containsString("chat not found"));

        telegram.reachable(5);
        assertThat(sender.sendHtml(chat(5), "welcome back"), is(true));
        telegram.blockedBy(5);
        assertThat(sender.sendHtml(chat(5), "blocked again"), is(false));
        assertThat("a chat that blocked the bot again is logged again", messages("chat 5 cannot be reached"),
                hasSize(2));
    }

    @Test
    void aPartRefusedForGoodStopsTheRestOfALongReply() throws Exception {
        telegram.blockedBy(7);
        String twoParts = ("line of a long forecast\n").repeat(400);
        assertThat(sender.sendHtml(chat(7), twoParts), is(false));
        assertThat(sendMessageCalls(), equalTo(1L));
    }

    @Test
    void otherRefusalsAreLoggedAndNotRetried() throws Exception {
        telegram.failSends(FakeTelegram.error(400, "Bad Request: message is too long"));
        assertThat(sender.sendHtml(chat(8), "text"), is(false));
        assertThat(sendMessageCalls(), equalTo(1L));
        assertThat(messages("not delivered"), hasSize(1));
    }

    @Test
    void aRetryEndsWhenTheThreadIsInterrupted() throws Exception {
        telegram.failSends(FakeTelegram.tooManyRequests(3600));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread sending = Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(new AssertionError("returned " + sender.sendHtml(chat(9), "text")));
            } catch (InterruptedException e) {
                outcome.complete(e);
            }
        });
        // Interrupt once it waits out the hour Telegram asked for, not while the request itself is running.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (messages("trying again in 3600000 ms").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(messages("trying again in 3600000 ms"), hasSize(1));
        sending.interrupt();
        assertThat(outcome.get(10, TimeUnit.SECONDS), instanceOf(InterruptedException.class));
        assertThat(telegram.sentTo(9), is(empty()));
        assertThat(sendMessageCalls(), equalTo(1L));
    }
}
