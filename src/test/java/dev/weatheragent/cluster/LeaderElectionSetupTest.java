package dev.weatheragent.cluster;

import dev.weatheragent.cluster.ClusterHarness.ApiRequest;
import dev.weatheragent.cluster.ClusterHarness.Instance;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Leader election switched off, its namespace, an API server that refuses, and the timing rules. */
class LeaderElectionSetupTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern KUBERNETES = Pattern.compile("(?i).*(kubernetes|lease|leader|standby|fabric8).*");

    @Test
    void withLeaderElectionOffNoRequestReachesTheApiServerAndNothingIsLoggedAboutKubernetes() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(); LogCapture logs = new LogCapture()) {
            Instance solo = cluster.start("solo", false, Optional.of(ClusterHarness.NAMESPACE),
                    Path.of("/nonexistent"));
            cluster.telegram.sendText(1, "/help", "en");
            cluster.telegram.awaitSentTo(1, 1, WAIT);
            assertThat(solo.health("/health/ready"), allOf(startsWith("200"), containsString("\"role\":\"single\"")));
            solo.stop();
            assertThat(cluster.api.getRequestCount(), is(0));
            assertThat(logs.lines(Level.ALL).stream().filter(line -> KUBERNETES.matcher(line).matches()).toList(),
                    is(empty()));
        }
    }

    @Test
    void theNamespaceComesFromPodNamespaceOrTheServiceAccountAndWithoutOneTheAppRefusesToStart(
            @TempDir Path dir) throws Exception {
        try (ClusterHarness cluster = new ClusterHarness()) {
            ClusterConfigException missing = assertThrows(ClusterConfigException.class,
                    () -> cluster.start("weather-agent-a", true, Optional.empty(), dir.resolve("namespace")));
            assertThat(missing.getMessage(), containsString("set POD_NAMESPACE"));
            assertThat("nothing was asked of the API server", cluster.api.getRequestCount(), is(0));

            Path file = Files.writeString(dir.resolve("namespace"), ClusterHarness.NAMESPACE + "\n");
            Instance a = cluster.start("weather-agent-a", true, Optional.empty(), file);
            cluster.awaitPolling(a, WAIT);
            assertGranted(cluster);
        }
    }

    @Test
    void anApiServerThatRefusesTheLeaseIsAConfigurationErrorReportedOnceAndAsAnEvent() throws Exception {
        try (ClusterHarness cluster = new ClusterHarness(false); LogCapture logs = new LogCapture()) {
            String lease = "/apis/coordination.k8s.io/v1/namespaces/bots/leases/weather-agent";
            cluster.api.expect().get().withPath(lease).andReturn(403, new StatusBuilder().withStatus("Failure")
                    .withReason("Forbidden").withCode(403).withMessage("leases.coordination.k8s.io \"weather-agent\""
                            + " is forbidden: User \"system:serviceaccount:bots:weather-agent\" cannot get resource")
                    .build()).always();
            cluster.api.expect().post().withPath("/api/v1/namespaces/bots/events").andReturn(201, "{}").always();
            Instance a = cluster.start("weather-agent-a");
            ClusterHarness.await(WAIT, () -> !logs.lines(Level.SEVERE, "dev.weatheragent").isEmpty(),
                    () -> "no error logged");
            Thread.sleep(ClusterHarness.TIMING.retryPeriod().multipliedBy(4).toMillis());
            assertThat("once per episode, not per attempt", logs.lines(Level.SEVERE, "dev.weatheragent"), hasSize(1));
            assertThat(logs.lines(Level.SEVERE, "dev.weatheragent").getFirst(),
                    containsString("refused to read Lease bots/weather-agent (HTTP 403)"));
            assertThat(a.health("/health/live"), allOf(startsWith("200"), containsString("\"role\":\"standby\"")));
            assertThat("a standby that cannot lead never polls", cluster.telegram.pollSpans(), is(empty()));
            a.stop();
            List<ApiRequest> requests = cluster.appRequests();
            assertThat(requests.stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/events"))
                    .map(ApiRequest::body).toList(), hasItem(allOf(containsString("\"reason\":\"LeaderElectionFailed\""),
                    containsString("\"type\":\"Warning\""), containsString("\"name\":\"weather-agent-a\""))));
            assertThat("every API call is granted by the chart's Role", requests.stream()
                    .map(r -> ChartRole.refusal(r.method(), r.path())).filter(Objects::nonNull).toList(), is(empty()));
        }
    }

    @Test
    void aRenewDeadlineMustLeaveTimeBeforeTheLeaseExpires() {
        assertThrows(IllegalArgumentException.class,
                () -> new LeaseTiming(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new LeaseTiming(Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(1)));
        LeaseTiming standard = LeaseTiming.STANDARD;
        assertThat(standard.requestTimeout(), is(Duration.ofSeconds(2)));
        assertThat(standard.confirmWindow(), is(Duration.ofMillis(12_500)));
    }

    private static void assertGranted(ClusterHarness cluster) throws InterruptedException {
        cluster.stopAll();
        assertThat(cluster.appRequests().stream().map(r -> ChartRole.refusal(r.method(), r.path()))
                .filter(Objects::nonNull).toList(), is(empty()));
    }
}
