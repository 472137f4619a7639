package dev.weatheragent.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weatheragent.telegram.TelegramTypes.BotCommand;
import dev.weatheragent.telegram.TelegramTypes.Message;
import dev.weatheragent.telegram.TelegramTypes.Update;
import dev.weatheragent.telegram.TelegramTypes.User;
import dev.weatheragent.telegram.TelegramTypes.WebhookInfo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Fetches updates with {@code getUpdates} long polling and hands each message to the {@link UpdateHandler} through a
 * per-chat {@link ChatDispatcher}. An update is confirmed (the offset passes it) only once it was handled or
 * deliberately dropped; on shutdown the loop stops fetching, drains in-flight work and confirms it with a final
 * {@code getUpdates(offset, timeout=0)}.
 */
public final class LongPollingLoop {

    private static final System.Logger LOG = System.getLogger(LongPollingLoop.class.getName());
    /** The bot reads messages only; naming them keeps Telegram from remembering a wider list from earlier runs. */
    static final List<String> ALLOWED_UPDATES = List.of("message");
    private static final int BATCH_LIMIT = 100;
    private static final int PER_CHAT_QUEUE_LIMIT = 10;
    /** Slack on top of the longest step before the loop counts as stuck. */
    private static final Duration PROGRESS_MARGIN = Duration.ofSeconds(5);
    /** While older updates are still being answered, wait this long for one to finish before polling again. */
    private static final Duration IN_FLIGHT_WAIT = Duration.ofMillis(500);
    private static final Duration IN_FLIGHT_MIN_GAP = Duration.ofMillis(50);

    private final TelegramClient client;
    private final PollGate gate;
    private final PollerState state;
    private final Duration pollTimeout;
    private final Backoff backoff;
    private final UpdateTracker tracker = new UpdateTracker();
    private final ChatDispatcher dispatcher = new ChatDispatcher(PER_CHAT_QUEUE_LIMIT);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch loopExited = new CountDownLatch(1);
    private volatile UpdateHandler handler;
    private volatile Thread loopThread;
    private boolean inConflict;

    public LongPollingLoop(TelegramClient client, PollGate gate, PollerState state, Duration pollTimeout,
                           RandomGenerator random) {
        this.client = client;
        this.gate = gate;
        this.state = state;
        this.pollTimeout = pollTimeout;
        this.backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), random);
    }

    /**
     * Checks the token with {@code getMe}, removes a webhook if one is set (keeping its pending updates) and
     * publishes the command menus. Transient failures are retried with backoff until shutdown.
     *
     * @return the bot's own user, or null when shutdown came first
     * @throws TelegramApiException when Telegram rejects the token; retrying cannot help
     */
    public User connect(Map<String, List<BotCommand>> commandMenus) {
        while (!isStopRequested()) {
            state.expectProgressWithin(Duration.ofSeconds(60).plus(PROGRESS_MARGIN));
            try {
                User me = client.getMe();
                WebhookInfo webhook = client.getWebhookInfo();
                if (webhook.url() != null && !webhook.url().isEmpty()) {
                    LOG.log(WARNING, "a webhook is set for this bot (" + webhook.pendingUpdateCount()
                            + " pending updates); deleting it so long polling can work, pending updates are kept");
                    client.deleteWebhook(false);
                }
                for (Map.Entry<String, List<BotCommand>> menu : commandMenus.entrySet()) {
                    client.setMyCommands(menu.getValue(), menu.getKey().isEmpty() ? null : menu.getKey());
                }
                backoff.reset();
                state.connected();
                LOG.log(INFO, "connected to Telegram as @" + me.username() + " (id " + me.id() + ")");
                return me;
            } catch (TelegramApiException e) {
                if (e.isTokenRejected()) {
                    throw e;
                }
                pause(retryDelay(e), "Telegram start-up call failed: " + e.getMessage());
            } catch (TelegramTransportException e) {
                pause(backoff.next(), "Telegram is unreachable at start-up: " + e.getMessage());
            }
        }
        return null;
    }

    /** Starts polling on its own thread, handing every message to the handler. */
    public void start(UpdateHandler updateHandler) {
        this.handler = updateHandler;
        loopThread = Thread.ofVirtual().name("telegram-poller").start(this::run);
    }

    /**
     * Stops fetching at once, lets in-flight updates finish for up to {@code grace}, and confirms what was handled.
     * Updates still running after the grace period stay unconfirmed and come again after a restart.
     */
    public void shutdown(Duration grace) {
        stopRequested.countDown();
        Thread thread = loopThread;
        if (thread == null) {
            return;
        }
        // Aborts a long poll in progress: on a virtual thread, interrupting a blocked socket read
        // closes the socket, which Telegram sees as the end of that getUpdates.
        thread.interrupt();
        try {
            loopExited.await(5, TimeUnit.SECONDS);
            boolean drained = tracker.awaitIdle(grace);
            long offset = tracker.nextOffset();
            if (!drained) {
                LOG.log(WARNING, tracker.inFlight() + " updates still running after the grace period;"
                        + " they stay unconfirmed and will be handled again after a restart");
            }
            if (offset > 0) {
                client.getUpdates(offset, 1, Duration.ZERO, ALLOWED_UPDATES);
                LOG.log(INFO, "confirmed updates below " + offset);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TelegramApiException | TelegramTransportException e) {
            LOG.log(WARNING, "final confirmation failed; unconfirmed updates will come again: " + e.getMessage());
        } finally {
            state.stopped();
        }
    }

    private void run() {
        try {
            state.polling(true);
            while (!isStopRequested()) {
                pollOnce();
            }
        } catch (RuntimeException | Error e) {
            LOG.log(ERROR, "poll loop died", e);
            state.stopped();
        } finally {
            state.polling(false);
            loopExited.countDown();
        }
    }

    private void pollOnce() {
        if (!gate.mayPoll()) {
            state.expectProgressWithin(Duration.ofSeconds(1).plus(PROGRESS_MARGIN));
            sleep(Duration.ofSeconds(1));
            return;
        }
        boolean busy = tracker.inFlight() > 0;
        Duration timeout = busy ? Duration.ZERO : pollTimeout;
        state.expectProgressWithin(timeout.plus(TelegramClient.POLL_READ_MARGIN).plus(PROGRESS_MARGIN));
        List<JsonNode> batch;
        try {
            batch = client.getUpdates(tracker.nextOffset(), BATCH_LIMIT, timeout, ALLOWED_UPDATES);
        } catch (TelegramApiException e) {
            if (!isStopRequested()) {
                onPollError(e);
            }
            return;
        } catch (TelegramTransportException e) {
            if (!isStopRequested()) {
                pause(backoff.next(), "getUpdates failed: " + e.getMessage());
            }
            return;
        }
        if (inConflict) {
            LOG.log(INFO, "polling again: the other getUpdates consumer is gone");
            inConflict = false;
        }
        backoff.reset();
        int fresh = 0;
        for (JsonNode raw : batch) {
            fresh += accept(raw) ? 1 : 0;
        }
        if (fresh == 0 && tracker.inFlight() > 0) {
            // Telegram keeps returning the updates still being answered; don't spin on them.
            try {
                tracker.awaitFinish(IN_FLIGHT_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sleep(IN_FLIGHT_MIN_GAP);
        }
    }

    private void onPollError(TelegramApiException e) {
        switch (e.errorCode()) {
            case 409 -> {
                if (!inConflict) {
                    LOG.log(WARNING, "Telegram reports a conflict: another getUpdates consumer or a webhook is"
                            + " using this token (" + e.description() + "); backing off");
                    inConflict = true;
                }
                sleep(pollTimeout.plus(backoff.next()));
            }
            case 429 -> pause(retryDelay(e), "Telegram asks to slow down");
            default -> pause(retryDelay(e), "getUpdates failed: " + e.getMessage());
        }
    }

    /** Registers and dispatches one raw update; false when it was already known. */
    private boolean accept(JsonNode raw) {
        JsonNode idNode = raw.get("update_id");
        if (idNode == null || !idNode.canConvertToLong()) {
            LOG.log(WARNING, "skipped an update without a usable update_id");
            return false;
        }
        long updateId = idNode.asLong();
        if (!tracker.begin(updateId)) {
            return false;
        }
        long received = System.nanoTime();
        Update update;
        try {
            update = client.readUpdate(raw);
        } catch (IllegalArgumentException e) {
            logSkipped(updateId, "malformed", e.getMessage());
            return true;
        }
        Message message = update.message();
        if (message == null || message.chat() == null) {
            logSkipped(updateId, "unsupported", "no message in update");
            return true;
        }
        long chatId = message.chat().id();
        boolean queued = dispatcher.submit(chatId, () -> handle(updateId, message, received));
        if (!queued) {
            LOG.log(WARNING, "update " + updateId + " chat " + chatId + " dropped: the chat has "
                    + PER_CHAT_QUEUE_LIMIT + " messages waiting already");
            tracker.finish(updateId);
        }
        return true;
    }

    private void handle(long updateId, Message message, long received) {
        String kind = "message";
        String outcome = "failed";
        try {
            UpdateHandler.Handled handled = handler.handle(message);
            kind = handled.kind();
            outcome = handled.outcome();
        } catch (RuntimeException e) {
            LOG.log(ERROR, "update " + updateId + " failed", e);
        } finally {
            tracker.finish(updateId);
            long millis = (System.nanoTime() - received) / 1_000_000;
            LOG.log(INFO, "update " + updateId + " chat " + message.chat().id() + " kind " + kind + " "
                    + millis + " ms " + outcome);
        }
    }

    private void logSkipped(long updateId, String outcome, String reason) {
        tracker.finish(updateId);
        LOG.log(INFO, "update " + updateId + " kind " + outcome + " skipped: " + reason);
    }

    private Duration retryDelay(TelegramApiException e) {
        Duration jitter = backoff.next();
        return e.retryAfter().map(d -> d.plusMillis(jitter.toMillis() / 10)).orElse(jitter);
    }

    private void pause(Duration delay, String why) {
        LOG.log(isStopRequested() ? DEBUG : WARNING, why + "; retrying in " + delay.toMillis() + " ms");
        sleep(delay);
    }

    private void sleep(Duration delay) {
        state.expectProgressWithin(delay.plus(PROGRESS_MARGIN));
        try {
            stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isStopRequested() {
        return stopRequested.getCount() == 0;
    }
}
