package dev.weatheragent.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The chart as a dependency of an umbrella chart, the way Helm passes {@code global} to every subchart:
 * built on disk, its dependency fetched by {@code helm dependency update}, then linted and rendered.
 */
class SubchartTest {

    /** Rebuilt by every run and left in place afterwards, to look at when a test fails. */
    private static final Path UMBRELLA = Path.of("target/umbrella-chart");

    private static final String UMBRELLA_VALUES = """
            global:
              imageRegistry: mirror.example.com
              imagePullSecrets:
                - mirror-pull        # a name, as Bitnami charts take it
                - name: shared-pull  # or an object
              storageClass: fast     # Bitnami's global: wins over persistence.storageClass
            weather-agent:
              image:
                tag: 1.2.3
              imagePullSecrets:
                - name: shared-pull  # also in global: listed once
                - name: regcred
              config:
                logLevel: DEBUG
            """;

    @BeforeAll
    static void buildUmbrella() throws IOException {
        DeployFiles.deleteDir(UMBRELLA);
        Files.createDirectories(UMBRELLA);
        String version = (String) HelmChart.readYaml(HelmChart.CHART.resolve("Chart.yaml")).get("version");
        Files.writeString(UMBRELLA.resolve("Chart.yaml"), """
                apiVersion: v2
                name: bots
                version: 1.0.0
                dependencies:
                  - name: weather-agent
                    version: "%s"
                    repository: "file://%s"
                """.formatted(version, HelmChart.CHART.toAbsolutePath()));
        Files.writeString(UMBRELLA.resolve("values.yaml"), UMBRELLA_VALUES);
        new Helm(UMBRELLA).dependency().update().skipRefresh().call();
    }

    @Test
    void umbrellaLintsStrictlyClean() {
        ChartTest.assertLintClean(new Helm(UMBRELLA).lint().strict().call());
    }

    @Test
    void globalRegistryPullSecretsAndStorageClassReachThePod() {
        List<HasMetadata> objects = Manifests.parse(template().call());

        Deployment d = Manifests.single(objects, Deployment.class);
        assertEquals("bots-weather-agent", d.getMetadata().getName());
        assertEquals("mirror.example.com/weather-agent/weather-agent:1.2.3", ChartTest.container(d).getImage(),
                "global registry before the repository, the subchart's own tag after it");
        assertEquals(List.of("mirror-pull", "shared-pull", "regcred"),
                ChartTest.pod(d).getImagePullSecrets().stream().map(LocalObjectReference::getName).toList(),
                "global pull secrets first, then the chart's own, each once");
        assertEquals("DEBUG", Manifests.single(objects, ConfigMap.class).getData().get("LOG_LEVEL"));
        assertEquals("fast", Manifests.single(objects, PersistentVolumeClaim.class).getSpec().getStorageClassName());
        assertEquals(List.of(), PodPolicy.violations(Manifests.workload(objects)));
    }

    /** A null from the umbrella deletes the subchart's default too, so OpenShift works through a parent chart. */
    @Test
    void umbrellaCanLeaveTheIdsToThePlatform() {
        PodPolicy.Workload w = Manifests.workload(Manifests.parse(template()
                .set("weather-agent.podSecurityContext.runAsUser", "null")
                .set("weather-agent.podSecurityContext.runAsGroup", "null")
                .set("weather-agent.podSecurityContext.fsGroup", "null")
                .call()));
        assertEquals(List.of(), PodPolicy.violations(w, PodPolicy.Ids.PLATFORM_ASSIGNED));
    }

    private static TemplateCommand template() {
        return new Helm(UMBRELLA).template()
                .withName("bots")
                .withNamespace(HelmChart.NAMESPACE)
                .withKubeVersion(HelmChart.KUBE_VERSION);
    }
}
