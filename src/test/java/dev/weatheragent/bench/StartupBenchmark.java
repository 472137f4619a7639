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
 * Start-up of the packaged jar ({@code java -jar}, the image's JVM flags, no AOT cache but see below) in the default
 * configuration: SQLite in a temporary {@code DATA_DIR}, no LLM key, no leader election, metrics off, the log at its
 * default level. Prints medians of {@code bench.runs} (5) for process start to the first {@code getUpdates}, to
 * {@code /health/ready} 200, the CPU time the bot used by the first {@code getUpdates} (the figure least moved by
 * other work on the machine), and the number of classes the JVM loaded by then; then the classes of the last run
 * by package, the largest groups first. A first start that creates the database is not counted: a restart finds
 * the file up to date. Run as {@link BotBenchmark} is, with this class name; {@code bench.jvmFlags} replaces the JVM
 * flags. Jar paths as arguments (each with its {@code libs/} beside it) compare builds: their runs alternate, so
 * that the machine's noise falls on all of them alike. With {@code bench.aot=true} every jar starts with a JDK AOT
 * cache as the image's does, made for that jar by one more start, a restart, before the measured ones (the JVM
 * writes the cache as it exits).
 */
public final class StartupBenchmark {

    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final int PACKAGE_GROUPS = Integer.getInteger("bench.packageGroups", 25);
    private static final boolean AOT_CACHE = Boolean.getBoolean("bench.aot");
    /** The image's ENTRYPOINT has these beside the flags {@link BotLauncher} shares with the other benchmarks. */
    private static final List<String> IMAGE_EXTRA_FLAGS = List.of("--enable-native-access=ALL-UNNAMED");
    /** A line of {@code -Xlog:class+load:file=…:uptime}: {@code [0.123s] java.lang.Object source: …}. */
    private static final Pattern CLASS_LOADED = Pattern.compile("^\\[(\\d+[.,]\\d+)s]\\s+(\\S+)\\s+source:");

    /** One jar under test and what its runs measured. */
    private record Build(Path jar, BotLauncher bot, Path dataDir, Path work, List<Double> polls,
                         List<Double> readies, List<Double> cpu, List<Double> classes, List<List<String>> logs) {

        Path aotCache() {
            return work.resolve("weather-agent.aot");
        }

        /** The flags of a measured start: the cache's when there is one. */
        List<String> flags(String... more) {
            List<String> flags = new ArrayList<>(List.of(more));
            if (AOT_CACHE) {
                flags.add("-XX:AOTCache=" + aotCache());
            }
            return flags;
        }

        static Build of(Path jar) throws IOException {
            Path work = Files.createTempDirectory("weather-agent-startup-bench");
            return new Build(jar, new BotLauncher(work, jar), Files.createDirectory(work.resolve("data")), work,
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Build> builds = new ArrayList<>();
        for (String jar : args.length == 0 ? new String[] {"target/weather-agent.jar"} : args) {
            Build build = Build.of(Path.of(jar));
            if (!build.bot().jarBuilt()) {
                throw new IllegalStateException(jar + " is missing: build the jar first, mvn -B package -DskipTests");
            }
            builds.add(build);
        }
        for (Build build : builds) {
            startOnce(build, List.of());
            if (AOT_CACHE) {
                startOnce(build, List.of("-XX:AOTCacheOutput=" + build.aotCache()));
                if (!Files.isRegularFile(build.aotCache())) {
                    throw new IllegalStateException("no AOT cache was written; see " + build.work().resolve("app.log"));
                }
            }
        }
        for (int i = 0; i < RUNS; i++) {
            for (Build build : builds) {
                double[] timed = startOnce(build, build.flags());
                build.polls().add(timed[0]);
                build.readies().add(timed[1]);
                build.cpu().add(timed[2]);
            }
            for (Build build : builds) {
                Path classLog = build.work().resolve("classes-" + i + ".log");
                double[] logged = startOnce(build, build.flags("-Xlog:class+load:file=" + classLog + ":uptime"));
                List<String> loaded = loadedBy(Files.readAllLines(classLog), logged[0]);
                build.classes().add((double) loaded.size());
                build.logs().add(loaded);
            }
        }
        for (Build build : builds) {
            report(build, builds.size() > 1 ? " (" + build.jar() + ")" : "");
        }
    }

    private static void report(Build build, String which) {
        String runs = "median of " + RUNS + " ";
        print("startup: process start -> first getUpdates" + which, median(build.polls()), "ms",
                runs + build.polls());
        print("startup: process start -> /health/ready 200" + which, median(build.readies()), "ms",
                runs + build.readies());
        print("startup: CPU time used by the first getUpdates" + which, median(build.cpu()), "ms",
                runs + build.cpu());
        print("startup: classes loaded by the first getUpdates" + which, median(build.classes()), "classes",
                runs + build.classes() + " (runs with -Xlog:class+load)");
        System.out.println("classes loaded by the first getUpdates, by package (last run)" + which + ":");
        byPackage(build.logs().getLast()).entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(PACKAGE_GROUPS)
                .forEach(group -> System.out.printf("  %6d  %s%n", group.getValue(), group.getKey()));
    }

    private static double[] startOnce(Build build, List<String> flags) throws Exception {
        List<String> all = new ArrayList<>(IMAGE_EXTRA_FLAGS);
        all.addAll(flags);
        try (FakeTelegram telegram = new FakeTelegram(Clock.systemUTC());
             FakeOpenMeteo meteo = new FakeOpenMeteo(Clock.systemUTC())) {
            Map<String, String> env = build.bot().env(telegram, meteo, BotLauncher.freePort(), true);
            env.remove("LOG_LEVEL");
            env.remove("TELEGRAM_SEND_LIMITS");
            env.put("DATA_DIR", build.dataDir().toString());
            return build.bot().startOnce(telegram, env, all);
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
