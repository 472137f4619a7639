package dev.weatheragent.schedule;

import dev.weatheragent.bot.AlertFormatter;
import dev.weatheragent.bot.Texts;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.store.AlertDelivery;
import dev.weatheragent.store.AlertStore;
import dev.weatheragent.store.AlertSubscriber;
import dev.weatheragent.store.DeliveryOutcome;
import dev.weatheragent.store.DueCheck;
import dev.weatheragent.store.FinishedAlert;
import dev.weatheragent.store.StoreUnavailableException;
import dev.weatheragent.telegram.Html;
import dev.weatheragent.telegram.MessageSender;
import dev.weatheragent.telegram.MessageSender.Destination;
import dev.weatheragent.telegram.PollGate;
import dev.weatheragent.weather.AlertDetector;
import dev.weatheragent.weather.AlertHours;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Units;
import dev.weatheragent.weather.WeatherSpell;
import dev.weatheragent.weather.WeatherUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks every place with alerts on once an hour and sends what it finds, on one virtual thread, while the gate that
 * lets this instance poll is open (only the poller delivers). A check is one Open-Meteo call per place and unit
 * system, however many chats are there; each place has its own minute of the hour ({@link #nextCheck}), so the
 * calls spread over the hour. Each round takes over claims a dead instance left open past the lease, then checks
 * the places due, claims the alerts (once per chat and event, {@link AlertEvents}) and sends them with a few workers.
 */
public final class AlertScheduler {

    private static final System.Logger LOG = System.getLogger(AlertScheduler.class.getName());
    /** After a failed forecast the place is checked again this soon, not an hour later. */
    private static final Duration RETRY = Duration.ofMinutes(5);
    private static final long HOUR_SECONDS = 3600;
    /** Alerts of events that ended are kept this long (and each chat's last one for ever, for /alerts). */
    static final Duration DELIVERIES_KEPT = Duration.ofDays(30);

    /**
     * @param tick     how often to look for places due a check
     * @param lease    how long a claim is an instance's own; after it, an unconfirmed claim counts as left by a dead
     *                 instance and is sent again
     * @param batch    places checked per round of the loop, and claims taken over at once
     * @param parallel alerts in flight at once
     */
    public record Timing(Duration tick, Duration lease, int batch, int parallel) {

        public static Timing standard() {
            return new Timing(Duration.ofSeconds(30), Duration.ofMinutes(5), 100, 4);
        }
    }

    private final AlertStore store;
    private final PollGate gate;
    private final OpenMeteoClient weather;
    private final MessageSender sender;
    private final Clock clock;
    private final String owner;
    private final Timing timing;
    private final AlertDetector detector = new AlertDetector();
    private final AlertFormatter formatter = new AlertFormatter();
    private final Pruning pruning;
    private final Confirmations<FinishedAlert> confirmations;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile Thread thread;
    private final BotMetrics metrics;

    /** @param owner this instance, as its claims name it */
    public AlertScheduler(AlertStore store, PollGate gate, OpenMeteoClient weather, MessageSender sender, Clock clock,
                          String owner, Timing timing, BotMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.gate = gate;
        this.weather = weather;
        this.sender = sender;
        this.clock = clock;
        this.owner = owner;
        this.timing = timing;
        this.pruning = new Pruning("weather alert deliveries and events",
                now -> store.prune(now.minus(DELIVERIES_KEPT)));
        this.confirmations = new Confirmations<>("weather alerts", store::finishAll, Duration.ofMillis(250));
    }

    /**
     * The place's check after {@code now}: at the same second of every hour, chosen by the place, so that the checks
     * of many places spread over the hour instead of all falling on :00.
     */
    public static Instant nextCheck(String placeKey, Instant now) {
        long offset = Math.floorMod(placeKey.hashCode(), HOUR_SECONDS);
        long second = now.getEpochSecond();
        long next = second - Math.floorMod(second - offset, HOUR_SECONDS) + HOUR_SECONDS;
        return Instant.ofEpochSecond(next);
    }

    /** Starts looking every {@link Timing#tick()}. */
    public void start() {
        thread = Thread.ofVirtual().name("alert-scheduler").start(() -> {
            do {
                try {
                    if (gate.mayPoll()) {
                        runOnce();
                    }
                } catch (StoreUnavailableException e) {
                    LOG.log(System.Logger.Level.DEBUG, "weather alerts wait for the database: " + e.getMessage());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "weather alerts failed this round", e);
                }
            } while (!awaitStop(timing.tick()));
        });
    }

    /**
     * Stops: the alerts being sent finish within {@code grace}, claims not yet sent are released for the next
     * instance, and no new round starts.
     */
    public void stop(Duration grace) {
        stopping.countDown();
        Thread running = thread;
        if (running == null) {
            return;
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

    /** One round: every place due is checked and what it found sent (or released on a stop); how many were sent. */
    public int runOnce() {
        int sent = 0;
        Instant now = clock.instant();
        // Outcomes the database could not take last round are recorded before any claim is taken over.
        if (!confirmations.flush()) {
            return sent;
        }
        List<AlertDelivery> left = new ArrayList<>();
        for (AlertDelivery d : store.reclaim(now.minus(timing.lease()), owner, now, timing.batch())) {
            if (d.eventEnd().isBefore(now)) {
                store.finish(d.chatId(), d.kind(), d.eventKey(), DeliveryOutcome.EXPIRED, now);
                metrics.delivery("alerts", "expired");
            } else {
                left.add(d);
            }
        }
        if (!left.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "taking over " + left.size()
                    + " weather alerts claimed but never confirmed (an instance stopped without releasing them)");
            sent += deliver(left);
        }
        if (mayGoOn()) {
            pruning.runIfDue(now);
        }
        while (mayGoOn()) {
            now = clock.instant();
            List<DueCheck> due = store.dueChecks(now, timing.batch());
            if (due.isEmpty()) {
                break;
            }
            List<AlertDelivery> claimed = new ArrayList<>();
            for (DueCheck check : due) {
                if (store.takeCheck(check.placeKey(), check.nextCheck(), nextCheck(check.placeKey(), now))) {
                    claimed.addAll(check(check.placeKey(), now));
                }
            }
            if (!claimed.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "weather alerts: " + claimed.size() + " to send after checking "
                        + due.size() + " places");
            }
            sent += deliver(claimed);
            if (due.size() < timing.batch()) {
                break;
            }
        }
        return sent;
    }

    /** Checks one place: one forecast per unit system of its subscribers; the alerts claimed. */
    private List<AlertDelivery> check(String placeKey, Instant now) {
        Map<Units, List<AlertSubscriber>> byUnits = new EnumMap<>(Units.class);
        for (AlertSubscriber s : store.subscribers(placeKey)) {
            byUnits.computeIfAbsent(s.units(), u -> new ArrayList<>()).add(s);
        }
        List<AlertDelivery> claimed = new ArrayList<>();
        for (Map.Entry<Units, List<AlertSubscriber>> group : byUnits.entrySet()) {
            Units units = group.getKey();
            AlertSubscriber first = group.getValue().getFirst();
            AlertHours hours;
            try {
                hours = weather.alertHours(first.place().latitude(), first.place().longitude(), units);
            } catch (WeatherUnavailableException e) {
                // An event still ahead is seen at the retry; the claims of the other unit system stand.
                store.takeCheck(placeKey, nextCheck(placeKey, now), now.plus(RETRY));
                continue;
            }
            List<WeatherSpell> spells = detector.detect(hours, now, units);
            ZoneId zone = DailyTimes.zone(first.place().timezone());
            String placeGroup = placeKey + "|" + units;
            AlertEvents.Decision decision = AlertEvents.decide(store.events(placeGroup), spells, now, zone);
            List<AlertDelivery> alerts = new ArrayList<>();
            for (AlertEvents.Due due : decision.due()) {
                for (AlertSubscriber s : group.getValue()) {
                    Texts t = Texts.forLanguage(s.replyLanguage());
                    alerts.add(new AlertDelivery(s.chatId(), due.spell().kind(), due.event().key(),
                            due.event().until(), formatter.format(Html.escape(s.place().label()), due.spell(),
                            DailyTimes.zone(s.place().timezone()), units, t)));
                }
            }
            List<AlertDelivery> won = store.claim(placeGroup, decision.events(), alerts, owner, now);
            // The others were claimed already, by another instance or before a restart: not sent twice.
            for (int i = won.size(); i < alerts.size(); i++) {
                metrics.delivery("alerts", "duplicate_avoided");
            }
            claimed.addAll(won);
        }
        return claimed;
    }

    private int deliver(List<AlertDelivery> claimed) {
        ConcurrentLinkedQueue<AlertDelivery> queue = new ConcurrentLinkedQueue<>(claimed);
        AtomicInteger sent = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < Math.min(timing.parallel(), queue.size()); i++) {
            workers.add(Thread.ofVirtual().name("alert-send").start(() -> work(queue, sent)));
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
            LOG.log(System.Logger.Level.WARNING, "sent weather alerts could not be confirmed (the database is"
                    + " unavailable): they are confirmed with the next ones, or sent again after the lease if this"
                    + " instance stops first");
        }
        // Whatever a stop or a hand-over left unsent goes to the next instance at once.
        for (AlertDelivery d = queue.poll(); d != null; d = queue.poll()) {
            store.release(d.chatId(), d.kind(), d.eventKey());
        }
        return sent.get();
    }

    private void work(ConcurrentLinkedQueue<AlertDelivery> queue, AtomicInteger sent) {
        while (mayGoOn()) {
            AlertDelivery d = queue.poll();
            if (d == null) {
                return;
            }
            MessageSender.Outcome outcome;
            try {
                outcome = sender.send(new Destination(d.chatId(), null, null), d.html());
            } catch (InterruptedException e) {
                store.release(d.chatId(), d.kind(), d.eventKey());
                return;
            }
            Instant at = clock.instant();
            metrics.delivery("alerts", outcome.name());
            switch (outcome) {
                case DELIVERED -> {
                    confirmations.add(new FinishedAlert(d.chatId(), d.kind(), d.eventKey(), DeliveryOutcome.SENT, at));
                    sent.incrementAndGet();
                }
                case UNREACHABLE -> {
                    confirmations.add(new FinishedAlert(d.chatId(), d.kind(), d.eventKey(),
                            DeliveryOutcome.UNREACHABLE, at));
                    pause(d.chatId());
                }
                case REFUSED -> confirmations.add(new FinishedAlert(d.chatId(), d.kind(), d.eventKey(),
                        DeliveryOutcome.REFUSED, at));
            }
        }
    }

    private void pause(long chatId) {
        try {
            store.pause(chatId);
            LOG.log(System.Logger.Level.INFO, "weather alerts of chat " + chatId
                    + " paused: the chat cannot be reached; they resume when the chat writes again");
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "weather alerts of chat " + chatId + " could not be paused (the"
                    + " database is unavailable); the next alert tries again");
        }
    }
}
