package dev.weatheragent.cluster;

import dev.weatheragent.fakes.FakeTelegram;
import dev.weatheragent.metrics.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The entry point as a process, configured as the chart configures a pod ({@code LEADER_ELECTION}, {@code POD_NAME},
 * {@code POD_NAMESPACE}) and finding the API server by fabric8's standard configuration ({@code KUBERNETES_MASTER}),
 * on only the Java modules the container image has: it leads, polls, and on SIGTERM confirms, releases the Lease
 * and exits 0.
 */
class LeaderElectionProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern IMAGE_MODULES = Pattern.compile("(?m)^ARG JAVA_MODULES=(\\S+)$");

    @TempDir
    Path workDir;

    @Test
    void aPodLeadsPollsAndReleasesTheLeaseOnSigterm() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness()) {
            Path output = workDir.resolve("app.log");
            int metricsPort = freePort();
            Map<String, String> env = new HashMap<>(Map.of(
                    "TELEGRAM_BOT_TOKEN", FakeTelegram.TOKEN,
                    "TELEGRAM_API_BASE_URL", cluster.telegram.baseUrlFor("pod").toString(),
                    "POLL_TIMEOUT_SECONDS", "2",
                    "HEALTH_PORT", String.valueOf(freePort()),
                    "LEADER_ELECTION", "true",
                    "POD_NAME", "weather-agent-7d9f-x2", "POD_NAMESPACE", ClusterHarness.NAMESPACE,
                    "KUBERNETES_MASTER", "http://127.0.0.1:" + cluster.api.getPort(),
                    "KUBERNETES_AUTH_TRYKUBECONFIG", "false",
                    "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false"));
            env.put("METRICS_PORT", String.valueOf(metricsPort));
            env.put("METRICS_HOST", "127.0.0.1");
            Process app = launch(env, output);
            try {
                ClusterHarness.await(WAIT, () -> "weather-agent-7d9f-x2".equals(cluster.holder())
                        && !cluster.telegram.pollSpans().isEmpty(), () -> "not leading: " + read(output));
                cluster.telegram.sendText(1, "/help", "en");
                cluster.telegram.awaitSentTo(1, 1, WAIT);
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
            assertThat(cluster.events(), hasItem("Pod/weather-agent-7d9f-x2 LeaderReleased Normal"));
            assertThat(log, containsString("leads: it holds Lease bots/weather-agent"));
            assertThat(log, not(containsString(FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1))));
            assertThat(cluster.appRequests().stream().map(r -> ChartRole.refusal(r.method(), r.path()))
                    .filter(Objects::nonNull).toList(), is(empty()));
        }
    }

    private Process launch(Map<String, String> env, Path output) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        imageModules().ifPresent(modules -> command.add("--limit-modules=" + modules));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.weatheragent.Main"));
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
