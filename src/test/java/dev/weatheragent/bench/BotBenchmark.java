package dev.weatheragent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weatheragent.fakes.FakeOpenAi;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.fakes.FakeTelegram.Sent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.weatheragent.bench.Stats.median;
import static dev.weatheragent.bench.Stats.millisSince;
import static dev.weatheragent.bench.Stats.percentile;
import static dev.weatheragent.bench.Stats.print;

/**
 * Measures the bot's own cost: the packaged jar ({@code target/weather-agent.jar}) runs as a separate process with
 * the image's JVM flags against fake Telegram, Open-Meteo and OpenAI servers on loopback, and every figure is
 * printed on one line, as a median over repeated runs where it is a time. Not a test: it has targets, not
 * assertions, and the machine's noise shows in the figures. Run with {@code mvn -B -q package -DskipTests
 * dependency:build-classpath -Dmdep.outputFile=target/test.classpath && java --enable-native-access=ALL-UNNAMED -cp
 * "target/test-classes:target/classes:$(cat target/test.classpath)" dev.weatheragent.bench.BotBenchmark} (the test
 * class path, for the embedded PostgreSQL of {@link StoreBenchmark}).
 */
public final class BotBenchmark {

    private static final int STARTUP_RUNS = 5;

    private final Path work;
    private final BotLauncher bot;

    private BotBenchmark() throws IOException {
        this.work = Files.createTempDirectory("weather-agent-bench");
        this.bot = new BotLauncher(work);
    }

    public static void main(String[] args) throws Exception {
        BotBenchmark bench = new BotBenchmark();
        if (!bench.bot.jarBuilt()) {
            System.err.println("build the jar first: mvn -B -q package -DskipTests");
            System.exit(2);
        }
        System.out.println("# weather-agent benchmark, " + Runtime.getRuntime().availableProcessors()
                + " CPUs, java " + Runtime.version() + ", JVM flags " + BotLauncher.IMAGE_FLAGS
                + ", MALLOC_ARENA_MAX=" + BotLauncher.MALLOC_ARENA_MAX);
        bench.startup();
        bench.perUpdateOverheadAndThroughput();
        bench.memory();
        bench.openMeteoCalls();
        bench.agent();
        new StoreBenchmark(bench.bot, bench.work).run();
        new BroadcastBenchmark().run();
        bench.image();
    }

    // ---- figures ------------------------------------------------------------------------------------------------

    private void startup() throws Exception {
        Path archive = work.resolve("app.jsa");
        List<Double> toPoll = new ArrayList<>();
        List<Double> toReady = new ArrayList<>();
        List<Double> toPollCds = new ArrayList<>();
        List<Double> toReadyCds = new ArrayList<>();
        for (int i = 0; i < STARTUP_RUNS; i++) {
            double[] plain = startOnce(List.of());
            toPoll.add(plain[0]);
            toReady.add(plain[1]);
        }
        // The image makes its class-data-sharing archive at build time; here the first run makes one.
        startOnce(List.of("-XX:ArchiveClassesAtExit=" + archive));
        for (int i = 0; i < STARTUP_RUNS; i++) {
            double[] cds = startOnce(List.of("-XX:SharedArchiveFile=" + archive));
            toPollCds.add(cds[0]);
            toReadyCds.add(cds[1]);
        }
        print("startup: process start -> first getUpdates", median(toPoll), "ms", "median of " + STARTUP_RUNS);
        print("startup: process start -> /health/ready 200", median(toReady), "ms", "target <= 1000");
        print("startup with AppCDS: process start -> first getUpdates", median(toPollCds), "ms", "");
        print("startup with AppCDS: process start -> /health/ready 200", median(toReadyCds), "ms", "target <= 1000");
    }

    /** One start: milliseconds to the first getUpdates and to a ready health endpoint. */
    private double[] startOnce(List<String> extraFlags) throws Exception {
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC());
             FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            return bot.startOnce(telegram, bot.env(telegram, meteo, BotLauncher.freePort(), true), extraFlags);
        }
    }

    private void perUpdateOverheadAndThroughput() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC()); FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            Process process = bot.launch(bot.env(telegram, meteo, BotLauncher.freePort(), false), List.of());
            BotLauncher.awaitPolling(telegram);
            // Warm-up: class loading, JIT, the Open-Meteo cache.
            BotLauncher.oneByOne(telegram, 300, i -> 1 + i, "/weather Kyiv");
            List<Double> latencies = BotLauncher.oneByOne(telegram, 2000, i -> 100_000 + i, "/weather Kyiv");
            print("overhead per update: getUpdates -> sendMessage, p50", percentile(latencies, 50), "ms",
                    "2000 /weather updates one at a time, send limits off, instant fakes");
            print("overhead per update: getUpdates -> sendMessage, p99", percentile(latencies, 99), "ms",
                    "target <= 10");

            int chats = 100;
            int perChat = 20;
            int before = telegram.sentCount();
            Instant start = Instant.now();
            for (int round = 0; round < perChat; round++) {
                for (int chat = 0; chat < chats; chat++) {
                    telegram.sendText(500_000 + chat, "/n" + round, "en");
                }
            }
            long deadline = System.nanoTime() + BotLauncher.WAIT.toNanos();
            while (telegram.sentCount() < before + chats * perChat && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            double seconds = millisSince(start) / 1000;
            int answered = telegram.sentCount() - before;
            print("throughput: 100 chats x 20 updates", answered / seconds, "updates/s",
                    "target >= 1000; order within every chat " + (ordered(telegram, chats, perChat) ? "kept" : "BROKEN")
                            + ", " + answered + " of " + chats * perChat + " answered");
            BotLauncher.stop(process);
        }
    }

    private void memory() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC()); FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            Process process = bot.launch(bot.env(telegram, meteo, BotLauncher.freePort(), false), List.of());
            BotLauncher.awaitPolling(telegram);
            burst(telegram, 2000, 1000);
            long[] warm = memoryOf(process.pid());
            burst(telegram, 20_000, 5000);
            long[] after = memoryOf(process.pid());
            print("memory after warm-up: RSS", warm[0] / 1024.0, "MB", "heap used " + warm[1] / 1024 + " MB of 64 MB");
            print("memory after 20,000 more updates: RSS", after[0] / 1024.0, "MB",
                    "heap used " + after[1] / 1024 + " MB; target RSS <= 160, flat");
            BotLauncher.stop(process);
        }
    }

    private void openMeteoCalls() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC()); FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            List<String> places = List.of("Kyiv", "Lviv", "Paris", "Apia", "Odesa", "Kharkiv", "Dnipro", "Rivne",
                    "Poltava", "Uzhhorod");
            for (int i = 4; i < places.size(); i++) {
                meteo.place(places.get(i), new FakeOpenMeteo.Place(i, places.get(i), "Region", "Ukraine", "UA",
                        46 + i * 0.5, 24 + i, "Europe/Kyiv", 100_000 + i));
            }
            Process process = bot.launch(bot.env(telegram, meteo, BotLauncher.freePort(), false), List.of());
            BotLauncher.awaitPolling(telegram);
            for (int i = 0; i < 1000; i++) {
                telegram.sendText(700_000 + i % 50, "/weather " + places.get(i % 10), "en");
            }
            BotLauncher.awaitSent(telegram, 1000);
            print("Open-Meteo requests per 1,000 questions about 10 places", meteo.requests(), "requests",
                    "target <= 10; 10 geocoding + 10 forecast is the floor for names (2 APIs)");
            int forecastsBefore = meteo.requests();
            for (int i = 0; i < 1000; i++) {
                telegram.sendLocation(800_000 + i % 50, 50 + (i % 10) * 0.1, 30.0);
            }
            BotLauncher.awaitSent(telegram, 2000);
            print("Open-Meteo requests per 1,000 shared locations at 10 points", meteo.requests() - forecastsBefore,
                    "requests", "target <= 10");
            BotLauncher.stop(process);
        }
    }

    private void agent() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC()); FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC());
             FakeOpenAi ai = new FakeOpenAi()) {
            Map<String, String> env = bot.env(telegram, meteo, BotLauncher.freePort(), false);
            env.put("OPENAI_API_KEY", FakeOpenAi.API_KEY);
            env.put("OPENAI_BASE_URL", ai.baseUrl().toString());
            Process process = bot.launch(env, List.of());
            BotLauncher.awaitPolling(telegram);
            List<Integer> requestsPerTurn = new ArrayList<>();
            List<Integer> bytesPerTurn = new ArrayList<>();
            for (int turn = 0; turn < 10; turn++) {
                int before = ai.requests().size();
                telegram.sendText(900_001, "Will it rain in " + (turn % 2 == 0 ? "Lviv" : "Kyiv") + " tomorrow?", "en");
                BotLauncher.awaitSent(telegram, turn + 1);
                List<JsonNode> requests = ai.requests().subList(before, ai.requests().size());
                requestsPerTurn.add(requests.size());
                bytesPerTurn.add(requests.stream().mapToInt(r -> r.toString().getBytes(StandardCharsets.UTF_8).length)
                        .sum());
            }
            print("agent: model requests per question", median(requestsPerTurn.stream().map(Integer::doubleValue)
                    .toList()), "requests", "per turn " + requestsPerTurn);
            print("agent: request bytes per question, turn 1 -> 10", bytesPerTurn.getFirst(), "bytes",
                    "per turn " + bytesPerTurn + "; flat once the 20-message window is full");
            BotLauncher.stop(process);
        }
    }

    private void image() throws IOException {
        Path figures = Path.of("target/image-figures.txt");
        if (Files.isRegularFile(figures)) {
            for (String line : Files.readAllLines(figures)) {
                System.out.println("image: " + line);
            }
        } else {
            System.out.println("image: not built here; run .ci/image-test.sh, which writes target/image-figures.txt");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void burst(FakeTelegram telegram, int count, int chats) throws InterruptedException {
        int before = telegram.sentCount();
        for (int i = 0; i < count; i++) {
            telegram.sendText(1_000_000 + i % chats, "/weather Kyiv", "en");
        }
        long deadline = System.nanoTime() + BotLauncher.WAIT.toNanos();
        while (telegram.sentCount() < before + count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static boolean ordered(FakeTelegram telegram, int chats, int perChat) {
        for (int chat = 0; chat < chats; chat++) {
            List<Sent> replies = telegram.sentTo(500_000 + chat);
            if (replies.size() != perChat) {
                return false;
            }
            for (int round = 0; round < perChat; round++) {
                if (!replies.get(round).plainText().contains("/n" + round + ".")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** RSS and used heap in KB, after a full GC. */
    private static long[] memoryOf(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, String.valueOf(pid), "GC.run");
        String heap = run(jcmd, String.valueOf(pid), "GC.heap_info");
        long used = 0;
        for (String line : heap.lines().toList()) {
            int at = line.indexOf("used ");
            if (line.contains("total") && at >= 0) {
                used += Long.parseLong(line.substring(at + 5).replaceAll("K.*", "").trim());
            }
        }
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new long[] {rss, used};
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
