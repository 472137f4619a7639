package dev.weatheragent.cluster;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.fakes.FakeOpenAi;
import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.metrics.PrometheusText;
import dev.weatheragent.store.PostgresFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bot on exactly what the image ships: {@code java -cp target/weather-agent.jar} (its manifest's Class-Path
 * names the jars of {@code target/libs}, which the image copies to {@code /app/libs}) on only the Java modules the
 * image has, configured as the chart configures a pod ({@code LEADER_ELECTION}, {@code POD_NAME},
 * {@code POD_NAMESPACE}) and finding the API server by fabric8's standard configuration ({@code KUBERNETES_MASTER}).
 * The other cluster tests run on the test classpath, which also holds the fabric8 models the deployment tests parse
 * manifests with; this one shows that the runtime dependencies alone carry leader election, the Events, a
 * forecast, the agent, a chart, metrics and each store: it leads, answers, and on SIGTERM confirms, releases the
 * Lease and exits 0, with no class missing on the way. An integration test (failsafe): the jar exists only after
 * {@code package}.
 */
class ShippedJarsPodIT {

    private static final Path JAR = Path.of("target/weather-agent.jar");
    private static final String POD = "weather-agent-7d9f-x2";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern IMAGE_MODULES = Pattern.compile("(?m)^ARG JAVA_MODULES=(\\S+)$");
    /** What a jar left out of target/libs, or a wrong version of one, shows as. */
    private static final Pattern LINKAGE_TROUBLE = Pattern.compile(
            "ClassNotFoundException|NoClassDefFoundError|NoSuchMethodError|NoSuchFieldError|AbstractMethodError"
                    + "|ServiceConfigurationError|IncompatibleClassChangeError");

    @TempDir
    Path workDir;

    @BeforeAll
    static void theBuildPackagedIt() {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: it is built at package time (mvn verify runs this"
                + " test after package)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aPodOnTheShippedJarsLeadsAnswersAndReleasesTheLeaseOnSigterm(String store) throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(); FakeOpenAi ai = new FakeOpenAi()) {
            Path output = workDir.resolve("app.log");
            int metricsPort = freePort();
            Map<String, String> env = new HashMap<>(Map.of(
                    "TELEGRAM_BOT_TOKEN", FakeTelegram.TOKEN,
                    "TELEGRAM_API_BASE_URL", cluster.telegram.baseUrlFor("pod").toString(),
                    "POLL_TIMEOUT_SECONDS", "2",
                    "HEALTH_PORT", String.valueOf(freePort()),
                    "LEADER_ELECTION", "true",
                    "POD_NAME", POD, "POD_NAMESPACE", ClusterHarness.NAMESPACE,
                    "KUBERNETES_MASTER", "http://127.0.0.1:" + cluster.api.getPort(),
                    "KUBERNETES_AUTH_TRYKUBECONFIG", "false",
                    "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false"));
            env.put("METRICS_PORT", String.valueOf(metricsPort));
            env.put("METRICS_HOST", "127.0.0.1");
            env.put("OPEN_METEO_FORECAST_URL", cluster.meteo.forecastUrl().toString());
            env.put("OPEN_METEO_GEOCODING_URL", cluster.meteo.geocodingUrl().toString());
            env.put("OPEN_METEO_AIR_QUALITY_URL", cluster.meteo.airQualityUrl().toString());
            env.put("OPENAI_API_KEY", FakeOpenAi.API_KEY);
            env.put("OPENAI_BASE_URL", ai.baseUrl().toString());
            env.put("LANG", "en_US.UTF-8");
            String storedIn;
            if (store.equals("postgresql")) {
                StoreConfig.Database database = PostgresFixture.shared().newDatabase();
                env.put("DATABASE_URL", database.jdbcUrl() + "?user=" + database.user().orElseThrow());
                database.password().ifPresent(password -> env.put("DATABASE_PASSWORD", password));
                storedIn = "chat settings are stored in PostgreSQL";
            } else {
                env.put("DATA_DIR", workDir.resolve("data").toString());
                storedIn = "chat settings are stored in " + workDir.resolve("data");
            }
            Process app = launch(env, output);
            try {
                ClusterHarness.await(WAIT, () -> POD.equals(cluster.holder())
                        && !cluster.telegram.pollSpans().isEmpty(), () -> "not leading: " + read(output));
                ClusterHarness.await(WAIT, () -> cluster.events().contains("Pod/" + POD + " LeaderElected Normal"),
                        () -> "no LeaderElected Event: " + cluster.events());

                cluster.telegram.sendText(1, "/weather Kyiv", "en");
                assertThat(cluster.telegram.awaitSentTo(1, 1, WAIT).getFirst().plainText(),
                        containsString("Kyiv, Kyiv City, Ukraine"));
                cluster.telegram.sendText(1, "/units imperial", "en");
                assertThat(cluster.telegram.awaitSentTo(1, 2, WAIT).get(1).plainText(),
                        containsString("Units set to imperial"));
                cluster.telegram.sendText(2, "Will it rain in Lviv tomorrow?", "en");
                assertThat("the agent answered through its tools",
                        cluster.telegram.awaitSentTo(2, 1, WAIT).getFirst().plainText(),
                        containsString("Lviv: here is what the forecast says"));
                cluster.telegram.sendText(3, "/chart Kyiv", "en");
                assertThat(cluster.telegram.awaitPhotosTo(3, 1, WAIT), hasSize(1));

                // On only the image's modules: the JVM's GC meters need jdk.management, the leader gauge says 1.
                PrometheusText scrape = PrometheusText.parse(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(scrape.value("weather_agent_leader"), is(1.0));
                assertThat(scrape.value("weather_agent_leader_changes_total", "to", "leader"), is(1.0));
                assertThat("GC meters bound", scrape.has("jvm_gc_max_data_size_bytes"), is(true));
                app.destroy();
                assertThat(app.waitFor(30, TimeUnit.SECONDS), is(true));
            } finally {
                app.destroyForcibly();
            }
            String log = read(output);
            assertThat(log, app.exitValue(), is(0));
            assertThat("released on the way out", cluster.holder(), is(nullValue()));
            cluster.telegram.awaitAllConfirmed(Duration.ofSeconds(1));
            assertThat(cluster.events(), hasItem("Pod/" + POD + " LeaderReleased Normal"));
            assertThat(log, containsString("leads: it holds Lease bots/weather-agent"));
            assertThat(log, containsString(storedIn));
            Matcher trouble = LINKAGE_TROUBLE.matcher(log);
            assertThat("a class is missing from the shipped jars", trouble.find() ? trouble.group() : null,
                    is(nullValue()));
            assertThat(log, not(containsString(FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1))));
            assertThat(log, not(containsString(FakeOpenAi.API_KEY)));
            assertThat(cluster.appRequests().stream().map(r -> ChartRole.refusal(r.method(), r.path()))
                    .filter(Objects::nonNull).toList(), is(empty()));
        }
    }

    /** Nothing of the test JVM reaches the child: no classpath, no JVM options, only PATH and the pod's variables. */
    private Process launch(Map<String, String> env, Path output) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        imageModules().ifPresent(modules -> command.add("--limit-modules=" + modules));
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED",
                "-cp", JAR.toAbsolutePath().toString(), "dev.weatheragent.Main"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(env);
        builder.directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        return builder.start();
    }

    /** The modules the Dockerfile jlinks, when there is a Dockerfile. */
    private static Optional<String> imageModules() throws IOException {
        Path dockerfile = Path.of("Dockerfile");
        if (!Files.exists(dockerfile)) {
            return Optional.empty();
        }
        Matcher m = IMAGE_MODULES.matcher(Files.readString(dockerfile));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path output) {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
