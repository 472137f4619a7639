package dev.weatheragent.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weatheragent.logging.LogFields;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.telegram.TelegramTypes.BotCommand;
import dev.weatheragent.telegram.TelegramTypes.Update;
import dev.weatheragent.telegram.TelegramTypes.User;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Fetches updates with {@code getUpdates} long polling and hands each to its kind's {@link UpdateHandler} (found by
 * the {@link UpdateRoutes}) through a per-chat {@link ChatDispatcher}. An update is confirmed (the offset passes it)
 * only once it was handled or deliberately dropped; on shutdown the loop stops fetching, drains in-flight work and
 * confirms it with a final {@code getUpdates(offset, timeout=0)}. When the {@link PollGate} closes (another instance
 * leads), the loop keeps running without fetching; {@link #yieldPolling} hands over the same way as shutdown.
 */
public final class LongPollingLoop {

    private static final System.Logger LOG = System.getLogger(LongPollingLoop.class.getName());
    private static final int BATCH_LIMIT = 100;
    private static final int PER_CHAT_QUEUE_LIMIT = 10;
    /** Slack on top of the longest step before the loop counts as stuck. */
    private static final Duration PROGRESS_MARGIN = Duration.ofSeconds(5);
    /** While older updates are still being answered, wait this long for one to finish before polling again. */
    private static final Duration IN_FLIGHT_WAIT = Duration.ofMillis(500);
    private static final Duration IN_FLIGHT_MIN_GAP = Duration.ofMillis(50);
    /** How often a loop whose gate is closed looks again: this bounds the delay of a takeover. */
    private static final Duration GATE_CHECK_INTERVAL = Duration.ofMillis(100);

    private final TelegramClient client;
    private final PollGate gate;
    private final PollerState state;
    private final Duration pollTimeout;
    private final Backoff backoff;
    private final BotMetrics metrics;
    private final UpdateTracker tracker = new UpdateTracker();
    private final ChatDispatcher dispatcher = new ChatDispatcher(PER_CHAT_QUEUE_LIMIT);
    private final StopSignal stop = new StopSignal();
    private final StartupHandshake handshake;
    private final MenuPublisher menus;
    private final FetchGuard fetchGuard = new FetchGuard();
    private final CountDownLatch loopExited = new CountDownLatch(1);
    private volatile UpdateRoutes routes;
    private volatile Thread loopThread;
    private boolean inConflict;
    private boolean conflictWarned;
    /** Set while the gate is closed; the loop thread's own. */
    private boolean gateClosed;
    /** When the gate last opened after having been closed (a takeover); 0 before that. */
    private long gateOpenedNanos;
    /** The first contact with Telegram, from {@link #startConnecting}. */
    private volatile FutureTask<User> connecting;
    /** One confirming getUpdates at a time (shutdown and hand-over may overlap). */
    private final ReentrantLock confirmLock = new ReentrantLock();

    public LongPollingLoop(TelegramClient client, PollGate gate, PollerState state, Duration pollTimeout,
                           RandomGenerator random, BotMetrics metrics) {
        this.client = client;
        this.gate = gate;
        this.state = state;
        this.pollTimeout = pollTimeout;
        this.backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), random);
        this.menus = new MenuPublisher(client, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), random),
                stop);
        this.handshake = new StartupHandshake(client, state, backoff, stop, PROGRESS_MARGIN, menus);
        this.metrics = metrics;
    }

    /**
     * Starts the first contact with Telegram on a thread of its own, so that it goes on while the rest of the bot is
     * wired: checks the token with {@code getMe}, removes a webhook if one is set (keeping its pending updates), and
     * then starts publishing the command menus beside polling. Transient failures are retried with backoff until
     * shutdown. {@link #awaitConnected()} waits for the outcome; nothing polls before it.
     */
    public void startConnecting(Map<String, List<BotCommand>> commandMenus) {
        FutureTask<User> task = new FutureTask<>(() -> handshake.connect(commandMenus));
        connecting = task;
        Thread.ofVirtual().name("telegram-connect").start(task);
    }

    /**
     * @return the bot's own user, or null when shutdown came first
     * @throws TelegramApiException when Telegram rejects the token; retrying cannot help
     */
    public User awaitConnected() {
        return StartupHandshake.result(connecting, "the first contact with Telegram");
    }

    /** Starts polling on its own thread, handing every update to its kind's handler. */
    public void start(UpdateRoutes updateRoutes) {
        this.routes = updateRoutes;
        loopThread = Thread.ofVirtual().name("telegram-poller").start(this::run);
    }

    /**
     * Stops fetching at once, lets in-flight updates finish for up to {@code grace}, and confirms what was handled.
     * Updates still running after the grace period stay unconfirmed, are interrupted, and come again after a
     * restart.
     */
    public void shutdown(Duration grace) {
        stop.request();
        menus.stop();
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
            if (gate.mayPoll()) {
                confirmHandled(offset);
            } else if (offset > 0) {
                // Another instance polls now; a getUpdates from here would end its long poll with 409.
                LOG.log(DEBUG, "not confirming at shutdown: this instance does not poll (the hand-over confirmed)");
            }
            if (!drained) {
                dispatcher.interruptRunning();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TelegramApiException | TelegramTransportException e) {
            LOG.log(WARNING, "final confirmation failed; unconfirmed updates will come again: " + e.getMessage());
        } finally {
            state.stopped();
        }
    }

    /**
     * Hands polling over because the gate closed (this instance no longer leads): aborts a long poll in progress at
     * once, lets in-flight updates finish for up to {@code grace}, and confirms them with a last
     * {@code getUpdates(offset, timeout=0)} if {@code mayConfirm} still allows it by then (no other instance can be
     * polling yet). The loop keeps running and fetches again when the gate opens. Call it from another thread than
     * the loop's, after the gate closed.
     */
    public void yieldPolling(Duration grace, BooleanSupplier mayConfirm) {
        long deadline = System.nanoTime() + grace.toNanos();
        boolean fetchStopped = fetchGuard.beginHandOver(deadline);
        try {
            boolean drained = fetchStopped
                    && tracker.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            long offset = tracker.nextOffset();
            if (!drained) {
                LOG.log(WARNING, tracker.inFlight() + " updates still running at the hand-over; they stay"
                        + " unconfirmed and the new leader gets them again");
                // Their replies come from the new leader now: a send retrying here would only duplicate them.
                dispatcher.interruptRunning();
            } else if (!mayConfirm.getAsBoolean()) {
                LOG.log(INFO, "hand-over without confirming: another instance may be polling already;"
                        + " updates from " + offset + " on go to it");
            } else {
                confirmHandled(offset);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TelegramApiException | TelegramTransportException e) {
            LOG.log(INFO, "hand-over confirmation failed; unconfirmed updates go to the new leader: "
                    + e.getMessage());
        } finally {
            fetchGuard.endHandOver();
        }
    }

    /** Confirms every update below {@code offset} with {@code getUpdates(offset, timeout=0)}. */
    private void confirmHandled(long offset) {
        if (offset <= 0) {
            return;
        }
        confirmLock.lock();
        try {
            client.getUpdates(offset, 1, Duration.ZERO, routes.allowedUpdates());
            LOG.log(INFO, "confirmed updates below " + offset);
        } finally {
            confirmLock.unlock();
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
            gateClosed = true;
            sleep(GATE_CHECK_INTERVAL);
            return;
        }
        if (gateClosed) {
            gateClosed = false;
            gateOpenedNanos = System.nanoTime();
        }
        boolean busy = tracker.inFlight() > 0;
        Duration timeout = busy ? Duration.ZERO : pollTimeout;
        state.expectProgressWithin(timeout.plus(TelegramClient.POLL_READ_MARGIN).plus(PROGRESS_MARGIN));
        if (!fetchGuard.beginFetch(gate)) {
            sleep(GATE_CHECK_INTERVAL);
            return;
        }
        RuntimeException failure = null;
        int fresh = 0;
        boolean aborted;
        try {
            List<JsonNode> batch = client.getUpdates(tracker.nextOffset(), BATCH_LIMIT, timeout,
                    routes.allowedUpdates());
            // Registered before the fetch ends, so that a hand-over waiting for the fetch waits for these too.
            for (JsonNode raw : batch) {
                fresh += accept(raw) ? 1 : 0;
            }
        } catch (TelegramApiException | TelegramTransportException e) {
            failure = e;
        } finally {
            aborted = fetchGuard.endFetch();
        }
        if (failure != null) {
            if (aborted || isStopRequested()) {
                return;
            }
            if (failure instanceof TelegramApiException e) {
                onPollError(e);
            } else {
                pause(backoff.next(), "getUpdates failed: " + failure.getMessage());
            }
            return;
        }
        if (inConflict) {
            LOG.log(INFO, "polling again: the other getUpdates consumer is gone");
            inConflict = false;
            conflictWarned = false;
        }
        backoff.reset();
        if (fresh == 0 && tracker.inFlight() > 0) {
            // Telegram keeps returning the updates still being answered; don't spin on them.
            try {
                tracker.awaitFinish(IN_FLIGHT_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (tracker.inFlight() > 0) {
                // Still waiting for slow updates: poll for new ones at a modest pace, not in a tight loop.
                sleep(IN_FLIGHT_MIN_GAP);
            }
        }
    }

    private void onPollError(TelegramApiException e) {
        switch (e.errorCode()) {
            case 409 -> {
                // Right after a takeover the previous leader's long poll may stay open for one poll timeout:
                // expected, so not worth a warning unless the conflict outlasts that.
                boolean afterTakeover = gateOpenedNanos != 0 && System.nanoTime() - gateOpenedNanos
                        < pollTimeout.plus(TelegramClient.POLL_READ_MARGIN).toNanos();
                if (!inConflict) {
                    LOG.log(afterTakeover ? INFO : WARNING, (afterTakeover
                            ? "Telegram still reports a conflict right after this instance took over polling (the"
                            + " previous leader's long poll may still be open)"
                            : "Telegram reports a conflict: another getUpdates consumer or a webhook is using this"
                            + " token") + " (" + e.description() + "); backing off");
                    inConflict = true;
                    conflictWarned = !afterTakeover;
                } else if (!conflictWarned && !afterTakeover) {
                    LOG.log(WARNING, "Telegram still reports a conflict: another getUpdates consumer or a webhook"
                            + " is using this token (" + e.description() + "); backing off");
                    conflictWarned = true;
                }
                sleep(pollTimeout.plus(backoff.next()));
            }
            case 429 -> pause(backoff.after(e), "Telegram asks to slow down");
            default -> pause(backoff.after(e), "getUpdates failed: " + e.getMessage());
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
        Optional<UpdateRoutes.Routed> routed = routes.route(update);
        if (routed.isEmpty()) {
            logSkipped(updateId, "unsupported", "no update of a handled kind with a chat");
            return true;
        }
        long chatId = routed.get().chatId();
        metrics.updateReceived(routed.get().kind());
        boolean queued = dispatcher.submit(chatId, () -> handle(updateId, routed.get(), received));
        if (!queued) {
            LOG.log(WARNING, "update dropped: the chat has " + PER_CHAT_QUEUE_LIMIT + " messages waiting already",
                    LogFields.of("update_id", updateId).with("chat_id", chatId).with("outcome", "dropped"));
            tracker.finish(updateId);
            metrics.updateHandled(routed.get().kind(), "dropped", Duration.ofNanos(System.nanoTime() - received));
        }
        return true;
    }

    private void handle(long updateId, UpdateRoutes.Routed routed, long received) {
        LogFields update = LogFields.of("update_id", updateId).with("chat_id", routed.chatId());
        String kind = routed.kind();
        String outcome = "failed";
        try {
            UpdateHandler.Handled handled = routed.work().apply(received);
            kind = handled.kind();
            outcome = handled.outcome();
        } catch (RuntimeException e) {
            LOG.log(ERROR, "update failed", update, e);
        } finally {
            tracker.finish(updateId);
            long millis = (System.nanoTime() - received) / 1_000_000;
            metrics.updateHandled(kind, outcome, Duration.ofNanos(System.nanoTime() - received));
            LOG.log(INFO, "update handled",
                    update.with("kind", kind).with("outcome", outcome).with("latency_ms", millis));
        }
    }

    private void logSkipped(long updateId, String kind, String reason) {
        tracker.finish(updateId);
        metrics.updateReceived(kind);
        LOG.log(INFO, "update skipped", LogFields.of("update_id", updateId).with("kind", kind)
                .with("outcome", "skipped").with("reason", reason));
    }


    private void pause(Duration delay, String why) {
        LOG.log(isStopRequested() ? DEBUG : WARNING, why + "; retrying in " + delay.toMillis() + " ms");
        sleep(delay);
    }

    private void sleep(Duration delay) {
        state.expectProgressWithin(delay.plus(PROGRESS_MARGIN));
        stop.sleep(delay);
    }

    private boolean isStopRequested() {
        return stop.isRequested();
    }
}
