package dev.weatheragent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weatheragent.fakes.FakeOpenAi;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.fakes.FakeTelegram.Sent;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures the bot's own cost: the packaged jar ({@code target/weather-agent.jar}) runs as a separate process with
 * the image's JVM flags against fake Telegram, Open-Meteo and OpenAI servers on loopback, and every figure is
 * printed on one line, as a median over repeated runs where it is a time. Not a test: it has targets, not
 * assertions, and the machine's noise shows in the figures. Run with
 * {@code mvn -B -q package -DskipTests && java -cp "target/test-classes:target/classes:target/libs/*"
 * dev.weatheragent.bench.BotBenchmark}.
 */
public final class BotBenchmark {

    /**
     * The JVM flags of the image's ENTRYPOINT, with the heap capped at 64 MB as in a 128 MiB container; the system
     * property {@code bench.jvmFlags} (space-separated) replaces them to compare settings.
     */
    private static final List<String> IMAGE_FLAGS = List.of(System.getProperty("bench.jvmFlags",
            "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData"
                    + " -Djava.io.tmpdir=/tmp -Djava.awt.headless=true").split(" "));
    /** The image's environment for the JVM's memory allocator; {@code bench.mallocArenaMax} changes it. */
    private static final String MALLOC_ARENA_MAX = System.getProperty("bench.mallocArenaMax", "2");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int STARTUP_RUNS = 5;

    private final Path jar = Path.of("target/weather-agent.jar");
    private final Path work;
    private final HttpClient http = HttpClient.newHttpClient();

    private BotBenchmark() throws IOException {
        this.work = Files.createTempDirectory("weather-agent-bench");
    }

    public static void main(String[] args) throws Exception {
        BotBenchmark bench = new BotBenchmark();
        if (!Files.isRegularFile(bench.jar)) {
            System.err.println("build the jar first: mvn -B -q package -DskipTests");
            System.exit(2);
        }
        System.out.println("# weather-agent benchmark, " + Runtime.getRuntime().availableProcessors()
                + " CPUs, java " + Runtime.version() + ", JVM flags " + IMAGE_FLAGS + ", MALLOC_ARENA_MAX="
                + MALLOC_ARENA_MAX);
        bench.startup();
        bench.perUpdateOverheadAndThroughput();
        bench.memory();
        bench.openMeteoCalls();
        bench.agent();
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
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC()); FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            int port = freePort();
            Instant started = Instant.now();
            Process process = launch(env(telegram, meteo, port, true), extraFlags);
            double ready = -1;
            while (Duration.between(started, Instant.now()).compareTo(WAIT) < 0) {
                if (ready < 0 && healthy(port)) {
                    ready = millisSince(started);
                    break;
                }
                Thread.sleep(5);
            }
            while (telegram.polls().isEmpty()) {
                Thread.sleep(5);
            }
            double poll = Duration.between(started, telegram.polls().getFirst().at()).toNanos() / 1e6;
            stop(process);
            return new double[] {poll, ready};
        }
    }

    private void perUpdateOverheadAndThroughput() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC()); FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            Process process = launch(env(telegram, meteo, freePort(), false), List.of());
            awaitPolling(telegram);
            // Warm-up: class loading, JIT, the Open-Meteo cache.
            oneByOne(telegram, 300, 1);
            List<Double> latencies = oneByOne(telegram, 2000, 100_000);
            Collections.sort(latencies);
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
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (telegram.sentCount() < before + chats * perChat && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            double seconds = millisSince(start) / 1000;
            int answered = telegram.sentCount() - before;
            print("throughput: 100 chats x 20 updates", answered / seconds, "updates/s",
                    "target >= 1000; order within every chat " + (ordered(telegram, chats, perChat) ? "kept" : "BROKEN")
                            + ", " + answered + " of " + chats * perChat + " answered");
            stop(process);
        }
    }

    private void memory() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC()); FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            Process process = launch(env(telegram, meteo, freePort(), false), List.of());
            awaitPolling(telegram);
            burst(telegram, 2000, 1000);
            long[] warm = memoryOf(process.pid());
            burst(telegram, 20_000, 5000);
            long[] after = memoryOf(process.pid());
            print("memory after warm-up: RSS", warm[0] / 1024.0, "MB", "heap used " + warm[1] / 1024 + " MB of 64 MB");
            print("memory after 20,000 more updates: RSS", after[0] / 1024.0, "MB",
                    "heap used " + after[1] / 1024 + " MB; target RSS <= 160, flat");
            stop(process);
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
            Process process = launch(env(telegram, meteo, freePort(), false), List.of());
            awaitPolling(telegram);
            for (int i = 0; i < 1000; i++) {
                telegram.sendText(700_000 + i % 50, "/weather " + places.get(i % 10), "en");
            }
            awaitSent(telegram, 1000);
            print("Open-Meteo requests per 1,000 questions about 10 places", meteo.requests(), "requests",
                    "target <= 10; 10 geocoding + 10 forecast is the floor for names (2 APIs)");
            int forecastsBefore = meteo.requests();
            for (int i = 0; i < 1000; i++) {
                telegram.sendLocation(800_000 + i % 50, 50 + (i % 10) * 0.1, 30.0);
            }
            awaitSent(telegram, 2000);
            print("Open-Meteo requests per 1,000 shared locations at 10 points", meteo.requests() - forecastsBefore,
                    "requests", "target <= 10");
            stop(process);
        }
    }

    private void agent() throws Exception {
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC()); FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC());
             FakeOpenAi ai = new FakeOpenAi()) {
            Map<String, String> env = env(telegram, meteo, freePort(), false);
            env.put("OPENAI_API_KEY", FakeOpenAi.API_KEY);
            env.put("OPENAI_BASE_URL", ai.baseUrl().toString());
            Process process = launch(env, List.of());
            awaitPolling(telegram);
            List<Integer> requestsPerTurn = new ArrayList<>();
            List<Integer> bytesPerTurn = new ArrayList<>();
            for (int turn = 0; turn < 10; turn++) {
                int before = ai.requests().size();
                telegram.sendText(900_001, "Will it rain in " + (turn % 2 == 0 ? "Lviv" : "Kyiv") + " tomorrow?", "en");
                awaitSent(telegram, turn + 1);
                List<JsonNode> requests = ai.requests().subList(before, ai.requests().size());
                requestsPerTurn.add(requests.size());
                bytesPerTurn.add(requests.stream().mapToInt(r -> r.toString().getBytes(StandardCharsets.UTF_8).length)
                        .sum());
            }
            print("agent: model requests per question", median(requestsPerTurn.stream().map(Integer::doubleValue)
                    .toList()), "requests", "per turn " + requestsPerTurn);
            print("agent: request bytes per question, turn 1 -> 10", bytesPerTurn.getFirst(), "bytes",
                    "per turn " + bytesPerTurn + "; flat once the 20-message window is full");
            stop(process);
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

    private List<Double> oneByOne(FakeTelegram telegram, int count, long chatBase) throws InterruptedException {
        List<Double> latencies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int before = telegram.sentCount();
            Instant sentAt = Instant.now();
            telegram.sendText(chatBase + i, "/weather Kyiv", "en");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (telegram.sentCount() == before && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            Sent reply = telegram.sent().get(before);
            latencies.add(Duration.between(sentAt, reply.at()).toNanos() / 1e6);
        }
        return latencies;
    }

    private void burst(FakeTelegram telegram, int count, int chats) throws InterruptedException {
        int before = telegram.sentCount();
        for (int i = 0; i < count; i++) {
            telegram.sendText(1_000_000 + i % chats, "/weather Kyiv", "en");
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
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

    private static void awaitSent(FakeTelegram telegram, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (telegram.sentCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static void awaitPolling(FakeTelegram telegram) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (telegram.polls().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
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

    private Map<String, String> env(FakeTelegram telegram, FakeOpenMeteo meteo, int healthPort, boolean limits) {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", FakeTelegram.TOKEN);
        env.put("TELEGRAM_API_BASE_URL", telegram.baseUrl().toString());
        env.put("OPEN_METEO_FORECAST_URL", meteo.forecastUrl().toString());
        env.put("OPEN_METEO_GEOCODING_URL", meteo.geocodingUrl().toString());
        env.put("OPEN_METEO_AIR_QUALITY_URL", meteo.airQualityUrl().toString());
        env.put("HEALTH_PORT", String.valueOf(healthPort));
        env.put("POLL_TIMEOUT_SECONDS", "2");
        env.put("LOG_LEVEL", "WARN");
        env.put("TELEGRAM_SEND_LIMITS", limits ? "on" : "off");
        return env;
    }

    private Process launch(Map<String, String> env, List<String> extraFlags) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(IMAGE_FLAGS);
        command.addAll(extraFlags);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("app.log").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        if (!MALLOC_ARENA_MAX.isEmpty()) {
            builder.environment().put("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX);
        }
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private boolean healthy(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(1)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double millisSince(Instant start) {
        return Duration.between(start, Instant.now()).toNanos() / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static void print(String figure, double value, String unit, String note) {
        System.out.printf("%-62s %10.1f %-10s %s%n", figure, value, unit, note);
    }
}
