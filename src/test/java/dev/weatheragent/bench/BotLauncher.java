package dev.weatheragent.bench;

import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.fakes.FakeTelegram.Sent;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;

/**
 * Runs the packaged jar ({@code target/weather-agent.jar}) as a separate process with the image's JVM flags, and
 * drives it through the fake servers: what every part of the benchmark shares.
 */
final class BotLauncher {

    /**
     * The JVM flags of the image's ENTRYPOINT, with the heap capped at 64 MB as in a 128 MiB container; the system
     * property {@code bench.jvmFlags} (space-separated) replaces them to compare settings.
     */
    static final List<String> IMAGE_FLAGS = List.of(System.getProperty("bench.jvmFlags",
            "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData"
                    + " -Djava.io.tmpdir=/tmp -Djava.awt.headless=true").split(" "));
    /** The image's environment for the JVM's memory allocator; {@code bench.mallocArenaMax} changes it. */
    static final String MALLOC_ARENA_MAX = System.getProperty("bench.mallocArenaMax", "2");
    static final Duration WAIT = Duration.ofSeconds(120);

    private final Path jar;
    private final Path work;
    private final HttpClient http = HttpClient.newHttpClient();

    BotLauncher(Path work) {
        this(work, Path.of("target/weather-agent.jar"));
    }

    /** Launching this jar (with its {@code libs/} beside it) instead of the one just built. */
    BotLauncher(Path work, Path jar) {
        this.work = work;
        this.jar = jar;
    }

    boolean jarBuilt() {
        return Files.isRegularFile(jar);
    }

    /**
     * The environment of a bot against these fakes, with its health endpoint on this port; settings in the SQLite
     * file of {@code data/} in the work directory, as for {@code java -jar}, unless the caller changes it.
     */
    Map<String, String> env(FakeTelegram telegram, FakeOpenMeteo meteo, int healthPort, boolean limits) {
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

    Process launch(Map<String, String> env, List<String> extraFlags) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(IMAGE_FLAGS);
        command.addAll(extraFlags);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("app.log").toFile()));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        if (!MALLOC_ARENA_MAX.isEmpty()) {
            builder.environment().put("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX);
        }
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * One start with this environment: milliseconds from process start to the first getUpdates and to a ready
     * health endpoint, and the CPU time the process had used when the first getUpdates was seen (within a few
     * milliseconds of it; less sensitive than wall time to what else runs on the machine).
     */
    double[] startOnce(FakeTelegram telegram, Map<String, String> env, List<String> extraFlags) throws Exception {
        int healthPort = Integer.parseInt(env.get("HEALTH_PORT"));
        int pollsBefore = telegram.polls().size();
        Instant started = Instant.now();
        Process process = launch(env, extraFlags);
        double ready = -1;
        double cpu = -1;
        while (Duration.between(started, Instant.now()).compareTo(WAIT) < 0 && process.isAlive()
                && (ready < 0 || cpu < 0)) {
            if (cpu < 0 && telegram.polls().size() > pollsBefore) {
                cpu = process.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(0.0);
            }
            if (ready < 0 && healthy(healthPort)) {
                ready = Stats.millisSince(started);
            }
            Thread.sleep(5);
        }
        boolean polled = telegram.polls().size() > pollsBefore;
        double poll = polled ? Duration.between(started, telegram.polls().get(pollsBefore).at()).toNanos() / 1e6 : -1;
        stop(process);
        if (ready < 0 || !polled) {
            throw new IllegalStateException("the bot did not start; see " + work.resolve("app.log"));
        }
        return new double[] {poll, ready, cpu};
    }

    /**
     * Sends the text to these chats one at a time, each after the previous one's reply: milliseconds from the update
     * being offered to its reply arriving, in the order sent.
     */
    static List<Double> oneByOne(FakeTelegram telegram, int count, IntToLongFunction chat, String text)
            throws InterruptedException {
        List<Double> latencies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int before = telegram.sentCount();
            Instant sentAt = Instant.now();
            telegram.sendText(chat.applyAsLong(i), text, "en");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (telegram.sentCount() == before && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (telegram.sentCount() == before) {
                throw new IllegalStateException("no reply to \"" + text + "\" within " + WAIT);
            }
            Sent reply = telegram.sent().get(before);
            latencies.add(Duration.between(sentAt, reply.at()).toNanos() / 1e6);
        }
        return latencies;
    }

    static void awaitSent(FakeTelegram telegram, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (telegram.sentCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    static void awaitPolling(FakeTelegram telegram) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (telegram.polls().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    static void stop(Process process) throws InterruptedException {
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

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
