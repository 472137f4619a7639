package dev.weatheragent.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** k8s/ with its metrics component on, as kustomization.yaml's comment says, against the chart's metrics.enabled=true. */
class KustomizeMetricsTest {

    private static final String COMPONENT_OFF = "# components:\n#   - metrics\n";

    private static List<HasMetadata> k8s;
    private static List<HasMetadata> chart;

    @BeforeAll
    static void render(@TempDir Path workDir) throws IOException, InterruptedException {
        assumeTrue(DeployFiles.onPath("kubectl"), "kubectl is not on the PATH, so k8s/ cannot be rendered");
        Path copy = workDir.resolve("k8s");
        DeployFiles.copyDir(Path.of("k8s"), copy, Set.of("secret.env"));
        Files.copy(copy.resolve("secret.env.example"), copy.resolve("secret.env"));
        String kustomization = Files.readString(copy.resolve("kustomization.yaml"));
        assertTrue(kustomization.contains(COMPONENT_OFF), "kustomization.yaml must carry the commented metrics lines");
        Files.writeString(copy.resolve("kustomization.yaml"),
                kustomization.replace(COMPONENT_OFF, "components:\n  - metrics\n"));
        k8s = Manifests.parse(DeployFiles.run(List.of("kubectl", "kustomize", copy.toString())));
        chart = Manifests.parse(HelmChart.template().set("metrics.enabled", true).call());
    }

    @Test
    void theSameSettingsPortServiceAndScrapeRuleAsTheChart() {
        Map<String, String> config = Manifests.workload(k8s).config();
        Map<String, String> chartConfig = Manifests.workload(chart).config();
        assertEquals(chartConfig.get("METRICS_PORT"), config.get("METRICS_PORT"));
        assertEquals(chartConfig.get("METRICS_HOST"), config.get("METRICS_HOST"));
        assertEquals(ChartTest.container(Manifests.single(chart, Deployment.class)).getPorts(),
                ChartTest.container(Manifests.single(k8s, Deployment.class)).getPorts());
        assertEquals(Manifests.single(chart, Service.class).getSpec(), Manifests.single(k8s, Service.class).getSpec());
        assertEquals(Manifests.single(chart, NetworkPolicy.class).getSpec().getIngress(),
                Manifests.single(k8s, NetworkPolicy.class).getSpec().getIngress());
        assertEquals(List.of(), PodPolicy.violations(Manifests.workload(k8s)));
    }
}
