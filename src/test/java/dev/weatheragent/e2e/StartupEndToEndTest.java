package dev.weatheragent.e2e;

import dev.weatheragent.fakes.FakeHttpServer.Action;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.fakes.FakeTelegram.Call;
import dev.weatheragent.store.StoreStartupException;
import dev.weatheragent.telegram.TelegramApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The first contact with Telegram: what must be done before the first {@code getUpdates} (the token checked, a
 * webhook deleted), what runs side by side ({@code getMe} and {@code getWebhookInfo}), and the command menus that are
 * published beside polling without being lost; and the first contact, which goes on while the rest of the bot is
 * wired, ends when the wiring fails.
 */
class StartupEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private BotHarness h;

    @BeforeEach
    void create() throws Exception {
        h = new BotHarness();
    }

    @AfterEach
    void close() throws Exception {
        h.closeCheckingSpec();
    }

    @Test
    void theFirstPollComesAfterGetMeAnsweredAndTheWebhookIsGoneWithGetWebhookInfoAskedMeanwhile() throws Exception {
        h.telegram.webhook("https://example.invalid/hook");
        h.telegram.delayCalls("getMe", Duration.ofMillis(400));
        h.telegram.sendText(1, "/help", "en");
        h.start();
        h.telegram.awaitSentTo(1, 1, WAIT);
        Call getMe = only(h.telegram.callLog(), "getMe");
        Call webhookInfo = only(h.telegram.callLog(), "getWebhookInfo");
        Call deleteWebhook = only(h.telegram.callLog(), "deleteWebhook");
        Instant firstPoll = first(h.telegram.callLog(), "getUpdates").start();
        assertThat("getWebhookInfo did not wait for getMe", webhookInfo.start(), lessThan(getMe.end()));
        assertThat("no poll before getMe answered", getMe.end(), lessThanOrEqualTo(firstPoll));
        assertThat("no poll while the webhook was set", deleteWebhook.end(), lessThanOrEqualTo(firstPoll));
        assertThat(h.telegram.webhookDeletedDroppingPending(), is(false));
    }

    @Test
    void aStoreThatCannotBeOpenedAlsoEndsTheFirstContactWithTelegram() throws Exception {
        // getMe runs while the store opens. Telegram answering it 429 with retry_after 1 keeps the handshake asking
        // about once a second (a little more each time: a tenth of the growing backoff is added) until it is stopped.
        Action[] refusals = new Action[20];
        Arrays.fill(refusals, FakeTelegram.tooManyRequests(1));
        h.telegram.failCalls("getMe", refusals);
        Files.createDirectories(h.store.dataDir());
        Files.writeString(h.store.sqliteFile(), "this is not a SQLite database, and the bot must not start on it");

        assertThrows(StoreStartupException.class, h::start);
        Instant failed = Instant.now();

        // A getMe on its way when the start failed may still arrive; none may be sent half a second or more later.
        Thread.sleep(5_000);
        List<Instant> later = h.telegram.callLog().stream().filter(c -> c.method().equals("getMe"))
                .map(Call::start).filter(failed.plusMillis(500)::isBefore).toList();
        assertThat("getMe asked again after the start had failed", later, is(empty()));
    }

    @Test
    void theFirstPollDoesNotWaitForTheCommandMenus() throws Exception {
        h.telegram.delayCalls("setMyCommands", Duration.ofSeconds(1));
        h.start();
        h.telegram.sendText(2, "/help", "en");
        h.telegram.awaitSentTo(2, 1, WAIT);
        assertThat(h.telegram.awaitCommandMenus(2, WAIT), hasSize(2));
        Instant firstPoll = first(h.telegram.callLog(), "getUpdates").start();
        assertThat("polled before the first menu was answered", firstPoll,
                lessThan(first(h.telegram.callLog(), "setMyCommands").end()));
    }

    @Test
    void theMenusArePublishedEvenWhenTelegramFailsTheFirstTriesTransiently() throws Exception {
        h.telegram.failCalls("setMyCommands", FakeTelegram.error(502, "Bad Gateway"),
                FakeTelegram.tooManyRequests(1));
        h.start();
        assertThat(h.ask(3, "/help", "en", WAIT).plainText(), containsString("/weather"));
        List<String> menus = h.telegram.awaitCommandMenus(2, WAIT).stream().map(Object::toString).toList();
        assertThat(menus, hasSize(2));
        assertThat(menus.toString(), allOf(containsString("\"weather\""), containsString("\"language_code\":\"uk\"")));
        assertThat("the failed tries were made", h.telegram.calls().stream()
                .filter(m -> m.equals("setMyCommands")).count(), equalTo(4L));
    }

    @Test
    void aRejectedTokenEndsStartUpWithoutAPollOrAMenu() throws Exception {
        h.telegram.failCalls("getMe", FakeTelegram.error(401, "Unauthorized"));
        TelegramApiException rejected = assertThrows(TelegramApiException.class, () -> h.start());
        assertThat(rejected.isTokenRejected(), is(true));
        assertThat(rejected.getMessage(), not(containsString(FakeTelegram.TOKEN)));
        Thread.sleep(300);
        assertThat(h.telegram.calls(), not(hasItem("getUpdates")));
        assertThat(h.telegram.calls(), not(hasItem("setMyCommands")));
    }

    private static Call only(List<Call> log, String method) {
        List<Call> calls = log.stream().filter(c -> c.method().equals(method)).toList();
        assertThat(method + " calls", calls, hasSize(1));
        return calls.getFirst();
    }

    private static Call first(List<Call> log, String method) {
        return log.stream().filter(c -> c.method().equals(method)).min((a, b) -> a.start().compareTo(b.start()))
                .orElseThrow(() -> new AssertionError("no " + method + " in " + log));
    }
}
