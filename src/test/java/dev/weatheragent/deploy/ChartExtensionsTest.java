package dev.weatheragent.deploy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The extension points Bitnami and cert-manager users expect (the value set extensions.yaml), the
 * PodDisruptionBudget of leader election, and Chart.yaml's metadata.
 */
class ChartExtensionsTest {

    private static final String SCHEMA_ERROR = "values don't meet the specifications of the schema";

    private final List<HasMetadata> extended = HelmChart.renderObjects("extensions");

    @Test
    void extraEnvFromComesAfterTheChartsConfigMap() {
        List<String> sources = app(extended).getEnvFrom().stream().map(ChartExtensionsTest::source).toList();
        assertEquals(List.of("configMap weather-agent", "configMap corporate-proxy", "secret proxy-credentials"),
                sources, "later sources override earlier ones, so the user's win over the chart's");
    }

    @Test
    void extraVolumesAndMountsJoinTheChartsOwn() {
        PodSpec pod = ChartTest.pod(Manifests.single(extended, Deployment.class));
        assertEquals(List.of("tmp", "data", "ca-bundle", "truststore"),
                pod.getVolumes().stream().map(Volume::getName).toList());
        assertEquals(List.of("/tmp", "/data", "/etc/weather-agent/ca"),
                app(extended).getVolumeMounts().stream().map(VolumeMount::getMountPath).toList());
    }

    @Test
    void initContainersAndSidecarsRunBesideTheApp() {
        PodSpec pod = ChartTest.pod(Manifests.single(extended, Deployment.class));
        assertEquals(List.of("truststore"), pod.getInitContainers().stream().map(Container::getName).toList());
        assertEquals(List.of("weather-agent", "proxy"),
                pod.getContainers().stream().map(Container::getName).toList());
    }

    @Test
    void schedulingExtras() {
        PodSpec pod = ChartTest.pod(Manifests.single(extended, Deployment.class));
        assertEquals("bots-high", pod.getPriorityClassName());
        assertEquals(1, pod.getTopologySpreadConstraints().size());
        assertEquals("topology.kubernetes.io/zone", pod.getTopologySpreadConstraints().getFirst().getTopologyKey());
        PodSpec defaults = ChartTest.pod(Manifests.single(HelmChart.renderObjects("defaults"), Deployment.class));
        assertNull(defaults.getPriorityClassName());
        assertTrue(defaults.getTopologySpreadConstraints().isEmpty());
        assertTrue(defaults.getInitContainers().isEmpty());
    }

    @Test
    void commonLabelsReachEveryObjectAndThePodButNoSelector() {
        for (HasMetadata o : extended) {
            assertEquals("weather", o.getMetadata().getLabels().get("team"), o.getKind());
            assertEquals("42", o.getMetadata().getLabels().get("cost-center"), o.getKind());
        }
        Deployment d = Manifests.single(extended, Deployment.class);
        assertEquals("weather", d.getSpec().getTemplate().getMetadata().getLabels().get("team"));
        assertFalse(d.getSpec().getSelector().getMatchLabels().containsKey("team"),
                "a selector cannot change after install: commonLabels stay out of it");
    }

    @Test
    void commonAnnotationsReachEveryObjectAndAnObjectsOwnWin() {
        for (HasMetadata o : extended) {
            assertTrue(o.getMetadata().getAnnotations().containsKey("owner.example.com/contact"), o.getKind());
        }
        assertEquals("platform@example.com", Manifests.single(extended, ServiceAccount.class).getMetadata()
                .getAnnotations().get("owner.example.com/contact"), "serviceAccount.annotations win");
        assertEquals("keep", Manifests.single(extended, PersistentVolumeClaim.class)
                .getMetadata().getAnnotations().get("helm.sh/resource-policy"));
        Map<String, String> pod = Manifests.single(extended, Deployment.class).getSpec().getTemplate().getMetadata()
                .getAnnotations();
        assertFalse(pod.containsKey("owner.example.com/contact"), "pods get podAnnotations only");
        for (HasMetadata o : HelmChart.renderObjects("defaults")) {
            if (!(o instanceof Deployment)) {
                assertTrue(o.getMetadata().getAnnotations().isEmpty(), o.getKind() + " has no annotations by default");
            }
        }
    }

    @Test
    void leaderElectionWithStandbysGetsADisruptionBudgetOverItsPods() {
        List<HasMetadata> objects = HelmChart.renderObjects("leader-election");
        PodDisruptionBudget pdb = Manifests.single(objects, PodDisruptionBudget.class);
        assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal());
        assertNull(pdb.getSpec().getMinAvailable());
        assertEquals(Manifests.single(objects, Deployment.class).getSpec().getSelector().getMatchLabels(),
                pdb.getSpec().getSelector().getMatchLabels());

        PodDisruptionBudget half = Manifests.single(Manifests.parse(HelmChart.template()
                .withValuesFile(HelmChart.valuesFile("leader-election")).set("pdb.minAvailable", "50%").call()),
                PodDisruptionBudget.class);
        assertEquals("50%", half.getSpec().getMinAvailable().getStrVal());
        assertNull(half.getSpec().getMaxUnavailable());
    }

    @Test
    void noDisruptionBudgetWhereItWouldBlockDrainsOrPromiseNothing() {
        assertTrue(Manifests.ofKind(HelmChart.renderObjects("defaults"), PodDisruptionBudget.class).isEmpty());
        assertTrue(Manifests.ofKind(Manifests.parse(HelmChart.template()
                .withValuesFile(HelmChart.valuesFile("leader-election")).set("replicaCount", 1).call()),
                PodDisruptionBudget.class).isEmpty(), "one replica");
        assertTrue(Manifests.ofKind(Manifests.parse(HelmChart.template()
                .withValuesFile(HelmChart.valuesFile("leader-election")).set("pdb.create", false).call()),
                PodDisruptionBudget.class).isEmpty(), "pdb.create=false");
    }

    static Stream<Arguments> badExtensions() {
        return Stream.of(
                arguments("a common label over the chart's own",
                        Map.of("commonLabels.app\\.kubernetes\\.io/name", "x"),
                        List.of(SCHEMA_ERROR, "invalid propertyName 'app.kubernetes.io/name'")),
                arguments("a sidecar named like the app",
                        Map.of("sidecars[0].name", "weather-agent", "sidecars[0].image", "busybox"),
                        List.of(SCHEMA_ERROR, "/sidecars/0")),
                arguments("a hostPath volume",
                        Map.of("extraVolumes[0].name", "host", "extraVolumes[0].hostPath.path", "/"),
                        List.of(SCHEMA_ERROR, "/extraVolumes/0")),
                arguments("a relative mount path",
                        Map.of("extraVolumeMounts[0].name", "x", "extraVolumeMounts[0].mountPath", "etc/x"),
                        List.of(SCHEMA_ERROR, "/extraVolumeMounts/0/mountPath")),
                arguments("envFrom naming neither a ConfigMap nor a Secret", Map.of("extraEnvFrom[0].prefix", "X_"),
                        List.of(SCHEMA_ERROR, "/extraEnvFrom/0")),
                arguments("a budget that forbids every eviction", Map.of("pdb.maxUnavailable", 0),
                        List.of(SCHEMA_ERROR, "/pdb/maxUnavailable")),
                arguments("an unknown pdb key", Map.of("pdb.enabled", true),
                        List.of(SCHEMA_ERROR, "additional properties 'enabled' not allowed")));
    }

    @ParameterizedTest
    @MethodSource("badExtensions")
    void badExtensionsAreRejected(String description, Map<String, Object> set, List<String> expected) {
        TemplateCommand template = HelmChart.template();
        set.forEach(template::set);
        Exception e = assertThrows(Exception.class, template::call, description);
        for (String fragment : expected) {
            assertTrue(e.getMessage().contains(fragment),
                    () -> "expected '" + fragment + "' in Helm's error:\n" + e.getMessage());
        }
    }

    @Test
    void chartMetadataForArtifactHub() {
        JsonNode chart = Manifests.STRICT.valueToTree(HelmChart.readYaml(HelmChart.CHART.resolve("Chart.yaml")));
        assertTrue(chart.path("home").asString().startsWith("https://"));
        assertFalse(chart.path("sources").isEmpty());
        assertFalse(chart.path("maintainers").isEmpty());
        JsonNode images = Manifests.STRICT.readTree(chart.path("annotations").path("artifacthub.io/images").asString());
        assertEquals(ChartTest.container(Manifests.single(HelmChart.renderObjects("defaults"), Deployment.class))
                        .getImage(), images.get(0).path("image").asString(),
                "Artifact Hub's image is the chart's default image, at appVersion");
    }

    private static Container app(List<HasMetadata> objects) {
        return ChartTest.pod(Manifests.single(objects, Deployment.class)).getContainers().stream()
                .filter(c -> "weather-agent".equals(c.getName())).findFirst().orElseThrow();
    }

    private static String source(EnvFromSource s) {
        return s.getConfigMapRef() != null ? "configMap " + s.getConfigMapRef().getName()
                : "secret " + s.getSecretRef().getName();
    }
}
