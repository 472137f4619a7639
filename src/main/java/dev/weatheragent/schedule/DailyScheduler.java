package dev.weatheragent.schedule;

import dev.weatheragent.bot.DailyFormatter;
import dev.weatheragent.bot.Texts;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.store.DailyClaim;
import dev.weatheragent.store.DailyDelivery;
import dev.weatheragent.store.DeliveryOutcome;
import dev.weatheragent.store.DueDaily;
import dev.weatheragent.store.FinishedDelivery;
import dev.weatheragent.store.StoreUnavailableException;
import dev.weatheragent.store.SubscriptionStore;
import dev.weatheragent.telegram.Html;
import dev.weatheragent.telegram.MessageSender;
import dev.weatheragent.telegram.MessageSender.Destination;
import dev.weatheragent.telegram.PollGate;
import dev.weatheragent.weather.DayForecast;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Point;
import dev.weatheragent.weather.Units;
import dev.weatheragent.weather.WeatherUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the daily forecasts that are due, on one virtual thread, while the gate that lets this instance poll is open
 * (only the poller delivers); a second one fetches the forecasts due within the look-ahead window ahead of time
 * ({@link ForecastPrefetcher}). Each round takes over claims a dead instance left open past the lease, claims what is
 * due in batches, oldest due first, takes one forecast per place and units (fetched ahead, as a rule), and sends in
 * that order with a few workers at most: each worker holds one send slot at a time, so a user's reply never waits
 * behind more than that many scheduled messages, however many are due.
 */
public final class DailyScheduler {

    private static final System.Logger LOG = System.getLogger(DailyScheduler.class.getName());
    /** A forecast's delivery is kept this long: its subscription has moved on by then, and it says what was sent. */
    static final Duration DELIVERIES_KEPT = Duration.ofDays(7);
    /** Forecasts fetched ahead are for the next hour's deliveries; after a day they are of no use to anyone. */
    static final Duration FETCHED_KEPT = Duration.ofDays(1);

    /**
     * @param tick     how often to look for due forecasts; a forecast goes out at most this late
     * @param lease    how long a claim is an instance's own; after it, an unconfirmed claim counts as left by a dead
     *                 instance and is sent again
     * @param batch     due subscriptions claimed per transaction
     * @param parallel  scheduled messages in flight at once
     * @param lookAhead how long before their due time forecasts are fetched
     */
    public record Timing(Duration tick, Duration lease, int batch, int parallel, Duration lookAhead) {

        /**
         * For this global send rate: a batch is two seconds of sending (so that claiming the next one costs little
         * of the rate), and a tenth of a second of it is in flight (enough for Telegram's latency, and all a reply
         * waits behind).
         */
        public static Timing forRate(int messagesPerSecond) {
            return new Timing(Duration.ofSeconds(30), Duration.ofMinutes(5), Math.max(200, 2 * messagesPerSecond),
                    Math.max(4, messagesPerSecond / 10), Duration.ofHours(1));
        }
    }

    private final SubscriptionStore store;
    private final PollGate gate;
    private final OpenMeteoClient weather;
    private final MessageSender sender;
    private final Clock clock;
    private final String owner;
    private final Timing timing;
    private final FetchedForecasts fetched;
    private final ForecastPrefetcher prefetcher;
    /** A quarter of a second of sending is confirmed in one transaction. */
    private final Confirmations<FinishedDelivery> confirmations;
    private final DailyFormatter formatter = new DailyFormatter();
    private final Pruning pruning;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile Thread prefetching;
    private final BotMetrics metrics;

    /** @param owner this instance, as its claims name it */
    public DailyScheduler(SubscriptionStore store, PollGate gate, OpenMeteoClient weather, MessageSender sender,
                          Clock clock, String owner, Timing timing, BotMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.gate = gate;
        this.weather = weather;
        this.sender = sender;
        this.clock = clock;
        this.owner = owner;
        this.timing = timing;
        this.confirmations = new Confirmations<>("daily forecasts", store::finishAll, Duration.ofMillis(250));
        this.fetched = new FetchedForecasts(store, weather, clock);
        this.prefetcher = new ForecastPrefetcher(store, weather, fetched, clock, timing.lookAhead(), timing.tick());
        this.pruning = new Pruning("daily forecast deliveries and fetched forecasts",
                now -> store.prune(now.minus(DELIVERIES_KEPT), now.minus(FETCHED_KEPT)));
    }

    /** Starts looking every {@link Timing#tick()}, for forecasts due now and for those to fetch ahead. */
    public void start() {
        thread = Thread.ofVirtual().name("daily-scheduler").start(() -> every(this::runOnce, "daily forecasts"));
        prefetching = Thread.ofVirtual().name("daily-prefetch")
                .start(() -> every(prefetcher::runOnce, "fetching daily forecasts ahead"));
    }

    private void every(Runnable round, String what) {
        do {
            try {
                if (gate.mayPoll()) {
                    round.run();
                }
            } catch (StoreUnavailableException e) {
                LOG.log(System.Logger.Level.DEBUG, what + " wait for the database: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, what + " failed this round", e);
            }
        } while (!awaitStop(timing.tick()));
    }

    /**
     * Stops: the messages being sent finish within {@code grace}, claims not yet sent are released for the next
     * instance, and no new round starts.
     */
    public void stop(Duration grace) {
        stopping.countDown();
        for (Thread running : new Thread[] {thread, prefetching}) {
            if (running == null) {
                continue;
            }
            try {
                if (!running.join(grace)) {
                    running.interrupt();
                    running.join(Duration.ofSeconds(2));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean awaitStop(Duration wait) {
        try {
            return stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    private boolean mayGoOn() {
        return stopping.getCount() > 0 && gate.mayPoll() && !Thread.currentThread().isInterrupted();
    }

    /** One round: every forecast due now is sent (or released when this instance must stop); how many were sent. */
    public int runOnce() {
        int sent = 0;
        Instant now = clock.instant();
        // Outcomes the database could not take last round are recorded before any claim is taken over: after an
        // outage longer than the lease, this instance's own sent forecasts would otherwise look abandoned.
        if (!confirmations.flush()) {
            return sent;
        }
        List<DailyDelivery> left = new ArrayList<>();
        for (DailyDelivery d : store.reclaim(now.minus(timing.lease()), owner, now, timing.batch())) {
            if (Duration.between(d.dueAt(), now).compareTo(DailyTimes.LATE_LIMIT) > 0) {
                store.finish(d.chatId(), d.date(), DeliveryOutcome.EXPIRED, now);
                metrics.delivery("daily", "expired");
            } else {
                left.add(d);
            }
        }
        if (!left.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "taking over " + left.size()
                    + " daily forecasts claimed but never confirmed (an instance stopped without releasing them)");
            sent += deliver(left);
        }
        if (!mayGoOn()) {
            return sent;
        }
        pruning.runIfDue(now);
        Batch current = claimDue();
        while (true) {
            // The next batch is claimed while this one goes out, so that claiming takes nothing from the send rate.
            FutureTask<Batch> next = null;
            if (current.more() && mayGoOn()) {
                next = new FutureTask<>(this::claimDue);
                Thread.ofVirtual().name("daily-claim").start(next);
            }
            sent += deliver(current.deliveries());
            if (next == null) {
                return sent;
            }
            current = await(next);
            if (current == null) {
                return sent;
            }
            if (!mayGoOn()) {
                store.releaseAll(current.deliveries());
                return sent;
            }
        }
    }

    /** Claimed forecasts to deliver, and whether more may be due (the batch was full). */
    private record Batch(List<DailyDelivery> deliveries, boolean more) {
    }

    /** Claims what is due now, oldest first, one batch at most. */
    private Batch claimDue() {
        Instant now = clock.instant();
        List<DueDaily> due = store.due(now, timing.batch());
        List<DailyClaim> decisions = new ArrayList<>();
        for (DueDaily d : due) {
            decisions.add(DailyTimes.decide(d.subscription(), now));
        }
        Set<Long> claimed = store.claim(decisions, owner, now);
        List<DailyDelivery> batch = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            DueDaily d = due.get(i);
            DailyClaim decision = decisions.get(i);
            if (claimed.contains(d.subscription().chatId())) {
                batch.add(new DailyDelivery(d.subscription().chatId(), decision.date().orElseThrow(),
                        decision.dueAt(), d.subscription().place(), d.units(), d.replyLanguage()));
            } else if (decision.date().isPresent()) {
                // Due to go out, but that day's forecast is claimed already (by another instance, or before a
                // restart): the key in the store kept it from going out twice.
                metrics.delivery("daily", "duplicate_avoided");
            }
        }
        return new Batch(batch, due.size() == timing.batch());
    }

    /**
     * The batch claimed meanwhile; null when this thread was interrupted (a stop past its grace: those claims are
     * taken over after the lease, as a crashed instance's are).
     */
    private static Batch await(FutureTask<Batch> next) {
        try {
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private int deliver(List<DailyDelivery> claimed) {
        fetchMissing(claimed);
        // In the order claimed (due time): subscribers of one place share one forecast, fetched ahead as a rule.
        Map<ForecastKey, Optional<DayForecast>> forecasts = new HashMap<>();
        ConcurrentLinkedQueue<Message> queue = new ConcurrentLinkedQueue<>();
        for (DailyDelivery d : claimed) {
            Optional<DayForecast> forecast = forecasts.computeIfAbsent(
                    ForecastKey.of(d.place().latitude(), d.place().longitude(), d.units()), key -> {
                        try {
                            return Optional.of(weather.day(key.latitude(), key.longitude(), key.units(), d.date()));
                        } catch (WeatherUnavailableException e) {
                            return Optional.empty();
                        }
                    });
            if (forecast.isEmpty()) {
                // Tried again next round (the claim is let go), until the late limit ends it.
                store.release(d.chatId(), d.date());
                continue;
            }
            Texts t = Texts.forLanguage(d.replyLanguage());
            queue.add(new Message(d, formatter.format(Html.escape(d.place().label()), forecast.get(), d.date(),
                    d.units(), t)));
        }
        AtomicInteger sent = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < Math.min(timing.parallel(), queue.size()); i++) {
            workers.add(Thread.ofVirtual().name("daily-send").start(() -> work(queue, sent)));
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                workers.forEach(Thread::interrupt);
                Thread.currentThread().interrupt();
            }
        }
        if (!confirmations.flush()) {
            LOG.log(System.Logger.Level.WARNING, "sent daily forecasts could not be confirmed (the database is"
                    + " unavailable): they are confirmed with the next ones, or sent again after the lease if this"
                    + " instance stops first");
        }
        // Whatever a stop or a hand-over left unsent goes to the next instance at once.
        List<DailyDelivery> unsent = new ArrayList<>();
        for (Message m = queue.poll(); m != null; m = queue.poll()) {
            unsent.add(m.delivery());
        }
        store.releaseAll(unsent);
        return sent.get();
    }

    /**
     * Finds the forecasts of the batch that this instance did not fetch ahead (a subscription made within the hour, a
     * new leader) in the store, and fetches the rest many places to a request: one request per place would hold up
     * the sending.
     */
    private void fetchMissing(List<DailyDelivery> claimed) {
        record Group(Units units, LocalDate date) {
        }
        Map<Group, Set<Point>> places = new HashMap<>();
        for (DailyDelivery d : claimed) {
            ForecastKey key = ForecastKey.of(d.place().latitude(), d.place().longitude(), d.units());
            places.computeIfAbsent(new Group(d.units(), d.date()), g -> new LinkedHashSet<>())
                    .add(new Point(key.latitude(), key.longitude()));
        }
        places.forEach((group, points) -> fetched.ensure(List.copyOf(points), group.units(), group.date()));
    }

    private record Message(DailyDelivery delivery, String html) {
    }

    private void work(ConcurrentLinkedQueue<Message> queue, AtomicInteger sent) {
        while (mayGoOn()) {
            Message m = queue.poll();
            if (m == null) {
                return;
            }
            DailyDelivery d = m.delivery();
            MessageSender.Outcome outcome;
            try {
                outcome = sender.send(new Destination(d.chatId(), null, null), m.html());
            } catch (InterruptedException e) {
                store.release(d.chatId(), d.date());
                return;
            }
            Instant at = clock.instant();
            metrics.delivery("daily", outcome.name());
            switch (outcome) {
                case DELIVERED -> {
                    confirmations.add(new FinishedDelivery(d.chatId(), d.date(), DeliveryOutcome.SENT, at));
                    sent.incrementAndGet();
                }
                case UNREACHABLE -> {
                    confirmations.add(new FinishedDelivery(d.chatId(), d.date(), DeliveryOutcome.UNREACHABLE, at));
                    pause(d.chatId());
                }
                case REFUSED -> confirmations.add(new FinishedDelivery(d.chatId(), d.date(), DeliveryOutcome.REFUSED,
                        at));
            }
        }
    }

    private void pause(long chatId) {
        try {
            store.pause(chatId);
            LOG.log(System.Logger.Level.INFO, "daily forecast of chat " + chatId
                    + " paused: the chat cannot be reached; it resumes when the chat writes again");
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "daily forecast of chat " + chatId + " could not be paused (the"
                    + " database is unavailable); it is tried again tomorrow");
        }
    }
}
