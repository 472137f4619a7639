package dev.weatheragent.telegram;

import dev.weatheragent.telegram.TelegramTypes.BotCommand;
import dev.weatheragent.telegram.TelegramTypes.User;
import dev.weatheragent.telegram.TelegramTypes.WebhookInfo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The first contact with Telegram: checks the token with {@code getMe} while {@code getWebhookInfo} runs beside it,
 * and removes a webhook if one is set (keeping its pending updates, since Telegram allows no long polling while a
 * webhook is set). Transient failures are retried with backoff until a stop is requested. The command menus are
 * handed to a {@link MenuPublisher} once connected, so that the first poll does not wait for them.
 */
final class StartupHandshake {

    private static final System.Logger LOG = System.getLogger(StartupHandshake.class.getName());

    private final TelegramClient client;
    private final PollerState state;
    private final Backoff backoff;
    private final StopSignal stop;
    private final Duration progressMargin;
    private final MenuPublisher menus;

    StartupHandshake(TelegramClient client, PollerState state, Backoff backoff, StopSignal stop,
                     Duration progressMargin, MenuPublisher menus) {
        this.client = client;
        this.state = state;
        this.backoff = backoff;
        this.stop = stop;
        this.progressMargin = progressMargin;
        this.menus = menus;
    }

    /**
     * @return the bot's own user, or null when a stop came first
     * @throws TelegramApiException when Telegram rejects the token; retrying cannot help
     */
    User connect(Map<String, List<BotCommand>> commandMenus) {
        while (!stop.isRequested()) {
            state.expectProgressWithin(Duration.ofSeconds(60).plus(progressMargin));
            try {
                FutureTask<WebhookInfo> webhookCall = new FutureTask<>(client::getWebhookInfo);
                Thread.ofVirtual().name("telegram-webhook-info").start(webhookCall);
                User me = client.getMe();
                WebhookInfo webhook = result(webhookCall, "getWebhookInfo");
                if (webhook.url() != null && !webhook.url().isEmpty()) {
                    LOG.log(WARNING, "a webhook is set for this bot (" + webhook.pendingUpdateCount()
                            + " pending updates); deleting it so long polling can work, pending updates are kept");
                    client.deleteWebhook(false);
                }
                backoff.reset();
                state.connected();
                menus.start(commandMenus);
                LOG.log(INFO, "connected to Telegram as @" + me.username() + " (id " + me.id() + ")");
                if (!Boolean.TRUE.equals(me.supportsInlineQueries())) {
                    LOG.log(INFO, "inline mode is off for @" + me.username() + ", so nobody can ask it with @"
                            + me.username() + " in other chats: send /setinline to @BotFather to switch it on");
                }
                return me;
            } catch (TelegramApiException e) {
                if (e.isTokenRejected()) {
                    throw e;
                }
                pause(backoff.after(e), "Telegram start-up call failed: " + e.getMessage());
            } catch (TelegramTransportException e) {
                pause(backoff.next(), "Telegram is unreachable at start-up: " + e.getMessage());
            }
        }
        return null;
    }

    /** The call's answer, or what it threw; an interrupt while waiting ends the wait as a transport failure. */
    static <T> T result(FutureTask<T> call, String what) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException failure -> throw failure;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramTransportException("interrupted while waiting for " + what);
        }
    }

    private void pause(Duration delay, String why) {
        LOG.log(stop.isRequested() ? DEBUG : WARNING, why + "; retrying in " + delay.toMillis() + " ms");
        state.expectProgressWithin(delay.plus(progressMargin));
        stop.sleep(delay);
    }
}
