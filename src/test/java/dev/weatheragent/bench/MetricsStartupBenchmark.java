package dev.weatheragent.bench;

import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.FakeTelegram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.weatheragent.bench.Stats.median;
import static dev.weatheragent.bench.Stats.print;

/**
 * What the metrics server costs at start-up: the packaged jar started with and without {@code METRICS_PORT},
 * alternating so that the machine's noise falls on both alike, without and with an AppCDS archive (made by a run
 * with metrics on, or by one without them as {@code bench.cdsTrainedWithMetrics=false} asks). Run as
 * {@link BotBenchmark} is, with this class name; {@code bench.runs} sets the runs per setting (5).
 */
public final class MetricsStartupBenchmark {

    private static final int RUNS = Integer.getInteger("bench.runs", 5);

    private final Path work;
    private final BotLauncher bot;

    private MetricsStartupBenchmark() throws Exception {
        this.work = Files.createTempDirectory("weather-agent-metrics-bench");
        this.bot = new BotLauncher(work);
    }

    public static void main(String[] args) throws Exception {
        MetricsStartupBenchmark bench = new MetricsStartupBenchmark();
        if (!bench.bot.jarBuilt()) {
            throw new IllegalStateException("build the jar first: mvn -B package -DskipTests");
        }
        bench.compare("startup", List.of());
        Path archive = bench.work.resolve("app.jsa");
        bench.startOnce(Boolean.parseBoolean(System.getProperty("bench.cdsTrainedWithMetrics", "true")),
                List.of("-XX:ArchiveClassesAtExit=" + archive));
        bench.compare("startup with AppCDS", List.of("-XX:SharedArchiveFile=" + archive));
    }

    private void compare(String figure, List<String> flags) throws Exception {
        List<Double> offReady = new ArrayList<>();
        List<Double> onReady = new ArrayList<>();
        List<Double> offPoll = new ArrayList<>();
        List<Double> onPoll = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            double[] off = startOnce(false, flags);
            double[] on = startOnce(true, flags);
            offPoll.add(off[0]);
            offReady.add(off[1]);
            onPoll.add(on[0]);
            onReady.add(on[1]);
        }
        print(figure + ": process start -> /health/ready 200, metrics off", median(offReady), "ms",
                "median of " + RUNS + " " + offReady);
        print(figure + ": process start -> /health/ready 200, METRICS_PORT set", median(onReady), "ms",
                "median of " + RUNS + " " + onReady);
        print(figure + ": process start -> first getUpdates, metrics off", median(offPoll), "ms", "");
        print(figure + ": process start -> first getUpdates, METRICS_PORT set", median(onPoll), "ms", "");
    }

    private double[] startOnce(boolean metrics, List<String> flags) throws Exception {
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC());
             FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            Map<String, String> env = bot.env(telegram, meteo, BotLauncher.freePort(), true);
            if (metrics) {
                env.put("METRICS_PORT", String.valueOf(BotLauncher.freePort()));
                env.put("METRICS_HOST", "127.0.0.1");
            }
            return bot.startOnce(telegram, env, flags);
        }
    }
}
