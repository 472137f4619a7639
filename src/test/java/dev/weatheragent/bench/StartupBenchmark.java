package dev.weatheragent.bench;

import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.FakeTelegram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.weatheragent.bench.Stats.median;
import static dev.weatheragent.bench.Stats.print;

/**
 * Start-up of the packaged jar ({@code java -jar}, the image's JVM flags, no AppCDS archive) in the default
 * configuration: SQLite in a temporary {@code DATA_DIR}, no LLM key, no leader election, metrics off, the log at its
 * default level. Prints medians of {@code bench.runs} (5) for process start to the first {@code getUpdates}, to
 * {@code /health/ready} 200, and the number of classes the JVM loaded by the first {@code getUpdates}; then the
 * classes of the last run by package, the largest groups first. A first start that creates the database is not
 * counted: a restart finds the file up to date. Run as {@link BotBenchmark} is, with this class name;
 * {@code bench.jvmFlags} replaces the JVM flags.
 */
public final class StartupBenchmark {

    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final int PACKAGE_GROUPS = Integer.getInteger("bench.packageGroups", 25);
    /** The image's ENTRYPOINT has these beside the flags {@link BotLauncher} shares with the other benchmarks. */
    private static final List<String> IMAGE_EXTRA_FLAGS = List.of("--enable-native-access=ALL-UNNAMED");
    /** A line of {@code -Xlog:class+load:file=…:uptime}: {@code [0.123s] java.lang.Object source: …}. */
    private static final Pattern CLASS_LOADED = Pattern.compile("^\\[(\\d+[.,]\\d+)s]\\s+(\\S+)\\s+source:");

    private final Path work;
    private final Path dataDir;
    private final BotLauncher bot;

    private StartupBenchmark() throws IOException {
        this.work = Files.createTempDirectory("weather-agent-startup-bench");
        this.dataDir = Files.createDirectory(work.resolve("data"));
        this.bot = new BotLauncher(work);
    }

    public static void main(String[] args) throws Exception {
        StartupBenchmark bench = new StartupBenchmark();
        if (!bench.bot.jarBuilt()) {
            throw new IllegalStateException("build the jar first: mvn -B package -DskipTests");
        }
        bench.startOnce(List.of());
        List<Double> polls = new ArrayList<>();
        List<Double> readies = new ArrayList<>();
        List<Double> classes = new ArrayList<>();
        List<String> lastLog = List.of();
        for (int i = 0; i < RUNS; i++) {
            double[] timed = bench.startOnce(List.of());
            polls.add(timed[0]);
            readies.add(timed[1]);
            Path classLog = bench.work.resolve("classes-" + i + ".log");
            double[] logged = bench.startOnce(List.of("-Xlog:class+load:file=" + classLog + ":uptime"));
            lastLog = loadedBy(Files.readAllLines(classLog), logged[0]);
            classes.add((double) lastLog.size());
        }
        print("startup: process start -> first getUpdates", median(polls), "ms", "median of " + RUNS + " " + polls);
        print("startup: process start -> /health/ready 200", median(readies), "ms",
                "median of " + RUNS + " " + readies);
        print("startup: classes loaded by the first getUpdates", median(classes), "classes",
                "median of " + RUNS + " " + classes + " (runs with -Xlog:class+load)");
        System.out.println("classes loaded by the first getUpdates, by package (last run):");
        byPackage(lastLog).entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(PACKAGE_GROUPS)
                .forEach(group -> System.out.printf("  %6d  %s%n", group.getValue(), group.getKey()));
    }

    private double[] startOnce(List<String> flags) throws Exception {
        List<String> all = new ArrayList<>(IMAGE_EXTRA_FLAGS);
        all.addAll(flags);
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC());
             FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            Map<String, String> env = bot.env(telegram, meteo, BotLauncher.freePort(), true);
            env.remove("LOG_LEVEL");
            env.remove("TELEGRAM_SEND_LIMITS");
            env.put("DATA_DIR", dataDir.toString());
            return bot.startOnce(telegram, env, all);
        }
    }

    /**
     * The classes of the log loaded within this many milliseconds of the JVM's start; the JVM starts a moment after
     * the process, so this counts at most a few classes loaded just after the first {@code getUpdates}.
     */
    private static List<String> loadedBy(List<String> log, double millis) {
        List<String> names = new ArrayList<>();
        for (String line : log) {
            Matcher m = CLASS_LOADED.matcher(line);
            if (m.find() && Double.parseDouble(m.group(1).replace(',', '.')) * 1000 <= millis) {
                names.add(m.group(2));
            }
        }
        return names;
    }

    /** Class counts by the first three parts of the package name (java.util.concurrent, io.helidon.webserver). */
    private static Map<String, Integer> byPackage(List<String> classes) {
        Map<String, Integer> groups = new TreeMap<>();
        for (String name : classes) {
            int end = name.lastIndexOf('.');
            String pkg = end < 0 ? "(default package)" : name.substring(0, end);
            String[] parts = pkg.split("\\.");
            String group = String.join(".", List.of(parts).subList(0, Math.min(3, parts.length)));
            groups.merge(group, 1, Integer::sum);
        }
        return groups;
    }
}
