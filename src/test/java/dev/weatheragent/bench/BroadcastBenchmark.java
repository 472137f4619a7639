package dev.weatheragent.bench;

import dev.weatheragent.Main;
import dev.weatheragent.RunningBot;
import dev.weatheragent.cluster.ClusterEnvironment;
import dev.weatheragent.config.AgentConfig;
import dev.weatheragent.config.BotConfig;
import dev.weatheragent.config.LeaderElectionConfig;
import dev.weatheragent.config.LogFormat;
import dev.weatheragent.config.MetricsConfig;
import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.fakes.FakeTelegram.Sent;
import dev.weatheragent.logging.LogSetup;
import dev.weatheragent.logging.Redactor;
import dev.weatheragent.schedule.AlertScheduler;
import dev.weatheragent.schedule.DailyScheduler;
import dev.weatheragent.store.ChatStores;
import dev.weatheragent.store.PostgresFixture;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import static dev.weatheragent.bench.Stats.percentile;
import static dev.weatheragent.bench.Stats.print;

/**
 * 100,000 daily forecasts over 5,000 places, all due in the same minute, against the fake Telegram and Open-Meteo:
 * how close sending comes to the floor the send rate sets, how many Open-Meteo calls it takes, duplicates and losses
 * (also with a hand-over midway), how long a user's {@code /weather} waits meanwhile, the database's transactions
 * per minute and resident memory. Telegram's and Open-Meteo's limits are scaled by the same factor to keep the run
 * short (1,000 messages a second instead of 30, so 500 Open-Meteo calls a minute become 16,667, the scheduler's
 * 30 s round 0.9 s and its hour of look-ahead 108 s); at the real limits the run would take an hour.
 * <p>
 * The bot runs in this JVM, wired by {@link Main#wire} as in production, not as the packaged jar: the scaled
 * timing of the scheduler is no setting of the app. So the resident memory includes the fakes and the 100,000
 * messages they keep. The hand-over stops the instance (as SIGTERM does) when half is delivered and starts another
 * on the same PostgreSQL database; two instances under leader election need a Kubernetes API server, which
 * {@code cluster/DailyHandOverTest} provides for the same hand-over at a small scale.
 * <p>
 * Run with the test class path (see {@link BotBenchmark}): {@code java -cp ... dev.weatheragent.bench.BroadcastBenchmark};
 * {@code -Dbench.broadcast.subscriptions}, {@code .places} and {@code .rate} change the sizes.
 */
public final class BroadcastBenchmark {

    private static final int SUBSCRIPTIONS = Integer.getInteger("bench.broadcast.subscriptions", 100_000);
    private static final int PLACES = Integer.getInteger("bench.broadcast.places", 5_000);
    private static final int RATE = Integer.getInteger("bench.broadcast.rate", 1_000);
    /** Telegram's 30 a second is the real limit; everything time-bound is scaled by the same factor. */
    private static final double SCALE = RATE / 30.0;
    private static final int CALLS_PER_MINUTE = (int) Math.ceil(500 * SCALE);
    private static final long FIRST_CHAT = 10_000_000L;
    /** Users asking {@code /weather} during the broadcast, each every 25 s (well within the per-chat limit). */
    private static final int USERS = 100;
    private static final Duration QUESTION_EVERY = Duration.ofMillis(250);

    public static void main(String[] args) throws Exception {
        new BroadcastBenchmark().run();
        System.exit(0);
    }

    /** Both runs: SQLite with one instance, then PostgreSQL with a hand-over midway. */
    void run() throws Exception {
        // The bot runs in this JVM: only its warnings, not a line per hand-over.
        LogSetup.configure(Level.WARNING, LogFormat.TEXT, new Redactor(List.of()));
        System.out.printf("# broadcast: %,d subscriptions over %,d places due in one minute, %,d messages/s,"
                + " %,d Open-Meteo calls/min (both limits x%.1f), %d CPUs%n", SUBSCRIPTIONS, PLACES, RATE,
                CALLS_PER_MINUTE, SCALE, Runtime.getRuntime().availableProcessors());
        Path data = Files.createTempDirectory("weather-agent-broadcast");
        once("SQLite, one instance", new StoreConfig(data, Optional.empty()), false);
        once("PostgreSQL, hand-over midway", PostgresFixture.config(PostgresFixture.shared().newDatabase()), true);
    }

    private static DailyScheduler.Timing timing() {
        DailyScheduler.Timing production = DailyScheduler.Timing.forRate(RATE);
        return new DailyScheduler.Timing(Duration.ofMillis(Math.round(30_000 / SCALE)), production.lease(),
                production.batch(), production.parallel(), Duration.ofMillis(Math.round(3_600_000 / SCALE)));
    }

    private static BotConfig config(FakeTelegram telegram, FakeOpenMeteo meteo, StoreConfig store) {
        return new BotConfig(FakeTelegram.TOKEN, telegram.baseUrl(), meteo.forecastUrl(), meteo.geocodingUrl(), 0,
                Set.of(), Level.WARNING, LogFormat.TEXT, Duration.ofSeconds(2), Duration.ofSeconds(5), true, RATE,
                CALLS_PER_MINUTE, new AgentConfig(Optional.empty(), URI.create("http://127.0.0.1:9/v1"), "none",
                Duration.ofSeconds(5), meteo.airQualityUrl(), 0, 30),
                new LeaderElectionConfig(false, "weather-agent", Optional.empty(), Optional.empty()), store,
                MetricsConfig.off());
    }

    private void once(String name, StoreConfig store, boolean handOver) throws Exception {
        System.out.println("## " + name);
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC());
             FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            // The next whole minute at least 50 s away, so that the forecasts can be fetched ahead.
            Instant due = Instant.now().plusSeconds(50).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            seed(store, due);
            BotConfig config = config(telegram, meteo, store);
            RunningBot bot = Main.wire(config, ClusterEnvironment.standard(), Clock.systemUTC(), timing(),
                    AlertScheduler.Timing.standard());
            bot.run();
            Memory memory = new Memory();
            Thread.ofVirtual().start(memory::sample);

            while (Instant.now().isBefore(due)) {
                Thread.sleep(50);
            }
            int placesBeforeDue = dailyCalls(meteo);
            int requestsBeforeDue = meteo.forecastRequests().size();
            long transactionsAtDue = transactions(store);
            Questions questions = new Questions(telegram);
            Thread asking = Thread.ofVirtual().start(questions::ask);

            Duration floor = Duration.ofMillis(SUBSCRIPTIONS * 1000L / RATE);
            long deadline = System.nanoTime() + floor.multipliedBy(3).plusMinutes(1).toNanos();
            boolean handedOver = false;
            double handOverMillis = 0;
            while (scheduled(telegram, questions) < SUBSCRIPTIONS && System.nanoTime() < deadline) {
                if (handOver && !handedOver && scheduled(telegram, questions) >= SUBSCRIPTIONS / 2) {
                    long stopping = System.nanoTime();
                    bot.stop();
                    bot = Main.wire(config, ClusterEnvironment.standard(), Clock.systemUTC(), timing(),
                            AlertScheduler.Timing.standard());
                    bot.run();
                    handOverMillis = (System.nanoTime() - stopping) / 1e6;
                    handedOver = true;
                }
                Thread.sleep(20);
            }
            Instant sendingEnded = Instant.now();
            // Anything sent twice would come now.
            Thread.sleep(3_000);
            questions.stop();
            asking.join();
            long transactionsAtEnd = transactions(store);
            bot.stop();
            memory.stop();

            report(telegram, meteo, due, floor, placesBeforeDue, requestsBeforeDue, questions);
            if (handOver) {
                print("hand-over: stop → the new instance polls", handOverMillis, "ms", "");
            }
            double minutes = Duration.between(due, sendingEnded).toMillis() / 60_000.0;
            if (transactionsAtEnd >= 0) {
                print("database transactions per minute while sending", (transactionsAtEnd - transactionsAtDue)
                        / minutes, "/min", String.format("%,d in all (pg_stat_database.xact_commit)",
                        transactionsAtEnd - transactionsAtDue));
            }
            print("resident memory of this JVM (bot, fakes, their records), max", memory.maxKb / 1024.0, "MB",
                    String.format("heap in use, max %.0f MB", memory.maxHeap / 1024.0 / 1024));
        }
    }

    private static void report(FakeTelegram telegram, FakeOpenMeteo meteo, Instant due, Duration floor,
                               int placesBeforeDue, int requestsBeforeDue, Questions questions) {
        Map<Long, Integer> perChat = new HashMap<>();
        Instant first = null;
        Instant last = due;
        for (Sent s : telegram.sent()) {
            if (s.chatId() >= FIRST_CHAT) {
                perChat.merge(s.chatId(), 1, Integer::sum);
                first = first == null || s.at().isBefore(first) ? s.at() : first;
                last = s.at().isAfter(last) ? s.at() : last;
            }
        }
        int duplicates = perChat.values().stream().mapToInt(n -> n - 1).sum();
        int losses = SUBSCRIPTIONS - perChat.size();
        double took = Duration.between(due, last).toMillis() / 1000.0;
        print("time to deliver all, from the due minute", took, "s", String.format("floor %.1f s: ratio %.3f"
                + " (goal <= 1.05)", floor.toMillis() / 1000.0, took * 1000 / floor.toMillis()));
        if (first != null) {
            double sending = Duration.between(first, last).toMillis() / 1000.0;
            print("first message after the due minute", Duration.between(due, first).toMillis(), "ms",
                    String.format("then %,.0f messages/s on average", perChat.size() / Math.max(0.001, sending)));
        }
        print("duplicates / losses", duplicates, "", losses + " lost (goal 0 and 0)");
        int places = dailyCalls(meteo);
        print("Open-Meteo calls for daily forecasts (one per place asked)", places, "calls", String.format(
                "%,d before the due minute in %,d requests, %,d distinct places (goal <= places)",
                placesBeforeDue, requestsBeforeDue, PLACES));
        print("Open-Meteo budget", CALLS_PER_MINUTE, "/min", String.format("the scheduler's %,d a minute:"
                + " %,d places over the %.0f s before the due minute at most", CALLS_PER_MINUTE * 4 / 5,
                PLACES, 3600 / SCALE));
        List<Double> latencies = questions.latencies();
        if (!latencies.isEmpty()) {
            print("/weather during the broadcast: p50", percentile(latencies, 50), "ms",
                    latencies.size() + " questions, " + questions.unanswered() + " unanswered");
            print("/weather during the broadcast: p99", percentile(latencies, 99), "ms", "goal <= 1,500 ms");
            print("/weather during the broadcast: max", percentile(latencies, 100), "ms", "");
        }
    }

    /** Places whose daily forecast (one day with yesterday) was asked for. */
    private static int dailyCalls(FakeOpenMeteo meteo) {
        return (int) meteo.forecastCalls().stream().filter(c -> c.days() == 1).count();
    }

    private static int scheduled(FakeTelegram telegram, Questions questions) {
        return telegram.sentCount() - questions.answered();
    }

    /**
     * Subscriptions straight into the database (the schema made by the store itself): chats {@code FIRST_CHAT} on,
     * round-robin over places near the prime meridian (GMT in the fake), at the due minute in UTC.
     */
    private static void seed(StoreConfig store, Instant due) throws SQLException {
        ChatStores.open(store, Clock.systemUTC()).close();
        String localTime = due.atOffset(ZoneOffset.UTC).toLocalTime().toString().substring(0, 5);
        try (Connection c = connect(store)) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO daily_subscriptions (chat_id, label, latitude,"
                    + " longitude, timezone, local_time, language, paused, next_due, created_at)"
                    + " VALUES (?, ?, ?, ?, 'UTC', ?, 'en', 0, ?, ?)")) {
                for (int i = 0; i < SUBSCRIPTIONS; i++) {
                    int place = i % PLACES;
                    s.setLong(1, FIRST_CHAT + i);
                    s.setString(2, "Place " + place);
                    s.setDouble(3, -50 + place / 100 * 2.0);
                    s.setDouble(4, -5 + place % 100 * 0.1);
                    s.setString(5, localTime);
                    s.setLong(6, due.toEpochMilli());
                    s.setLong(7, due.toEpochMilli());
                    s.addBatch();
                    if (i % 1000 == 999) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            c.commit();
        }
    }

    private static Connection connect(StoreConfig store) throws SQLException {
        if (store.database().isPresent()) {
            return PostgresFixture.connect(store.database().get());
        }
        return DriverManager.getConnection("jdbc:sqlite:" + store.sqliteFile());
    }

    /** Transactions committed in the database so far; -1 for SQLite, which counts none. */
    private static long transactions(StoreConfig store) throws SQLException {
        if (store.database().isEmpty()) {
            return -1;
        }
        try (Connection c = connect(store); Statement s = c.createStatement()) {
            // The statistics reach the view with a delay of up to half a second; a fresh snapshot each time.
            s.execute("SELECT pg_stat_clear_snapshot()");
            Thread.sleep(600);
            try (ResultSet r = s.executeQuery("SELECT xact_commit FROM pg_stat_database"
                    + " WHERE datname = current_database()")) {
                r.next();
                return r.getLong(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Users asking {@code /weather Kyiv} in turn while the broadcast goes on; the time to each answer. */
    private static final class Questions {

        private final FakeTelegram telegram;
        private final List<Double> latencies = new CopyOnWriteArrayList<>();
        private final AtomicLong asked = new AtomicLong();
        private volatile boolean stopped;

        Questions(FakeTelegram telegram) {
            this.telegram = telegram;
        }

        void ask() {
            List<Thread> waiting = new ArrayList<>();
            for (int i = 0; !stopped; i++) {
                long chat = 1 + i % USERS;
                int before = telegram.sentTo(chat).size();
                long at = System.nanoTime();
                telegram.sendText(chat, "/weather Kyiv", "en");
                asked.incrementAndGet();
                waiting.add(Thread.ofVirtual().start(() -> awaitAnswer(chat, before, at)));
                try {
                    Thread.sleep(QUESTION_EVERY);
                } catch (InterruptedException e) {
                    return;
                }
            }
            for (Thread t : waiting) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void awaitAnswer(long chat, int before, long askedAt) {
            long deadline = askedAt + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (telegram.sentTo(chat).size() > before) {
                    latencies.add((System.nanoTime() - askedAt) / 1e6);
                    return;
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            stopped = true;
        }

        List<Double> latencies() {
            return List.copyOf(latencies);
        }

        /** Answers the users got so far. */
        int answered() {
            int n = 0;
            for (long chat = 1; chat <= USERS; chat++) {
                n += telegram.sentTo(chat).size();
            }
            return n;
        }

        long unanswered() {
            return asked.get() - latencies.size();
        }
    }

    /** The JVM's resident set and heap in use, sampled every half second. */
    private static final class Memory {

        private volatile boolean stopped;
        volatile long maxKb;
        volatile long maxHeap;

        void sample() {
            while (!stopped) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                        if (line.startsWith("VmRSS:")) {
                            maxKb = Math.max(maxKb, Long.parseLong(line.replaceAll("\\D", "")));
                        }
                    }
                    Runtime r = Runtime.getRuntime();
                    maxHeap = Math.max(maxHeap, r.totalMemory() - r.freeMemory());
                    Thread.sleep(500);
                } catch (Exception e) {
                    return;
                }
            }
        }

        void stop() {
            stopped = true;
        }
    }
}
