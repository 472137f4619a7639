package dev.weatheragent.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * k8s/ (for {@code kubectl apply -k k8s/}) renders, passes the same pod policy as the chart, and
 * says the same as the chart's defaults.
 */
class KustomizeTest {

    private static final Path K8S = Path.of("k8s");
    /** kustomize generators append "-" and a 10-character content hash to the name. */
    private static final Pattern GENERATED = Pattern.compile("(.+)-[a-z0-9]{10}");
    /** Labels that legitimately differ: who manages the objects and which chart version made them. */
    private static final Set<String> TOOL_LABELS = Set.of("helm.sh/chart", "app.kubernetes.io/managed-by");

    private static List<HasMetadata> rendered;

    @BeforeAll
    static void render(@TempDir Path workDir) throws IOException, InterruptedException {
        assumeTrue(DeployFiles.onPath("kubectl"), "kubectl is not on the PATH, so k8s/ cannot be rendered: install kubectl 1.27 or newer "
                + "(its built-in kustomize must know labels.includeTemplates)");
        // Work on a copy: the test needs a secret.env, and must never write one into the repo.
        Path copy = workDir.resolve("k8s");
        DeployFiles.copyDir(K8S, copy, Set.of("secret.env")); // a developer's real secret.env stays put
        Files.copy(K8S.resolve("secret.env.example"), copy.resolve("secret.env"));
        rendered = Manifests.parse(DeployFiles.run(List.of("kubectl", "kustomize", copy.toString())));
    }

    @Test
    void rendersTheExpectedObjects() {
        assertEquals(Map.of("Namespace", "weather-agent", "ServiceAccount", "weather-agent",
                        "ConfigMap", "weather-agent", "Secret", "weather-agent",
                        "Deployment", "weather-agent", "NetworkPolicy", "weather-agent"),
                baseNames(rendered));
        for (HasMetadata o : rendered) {
            if (!(o instanceof Namespace)) {
                assertEquals("weather-agent", o.getMetadata().getNamespace(), o.getKind());
            }
            assertEquals("weather-agent", o.getMetadata().getLabels().get("app.kubernetes.io/name"), o.getKind());
        }
        Namespace ns = Manifests.single(rendered, Namespace.class);
        assertEquals("restricted", ns.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
    }

    @Test
    void passesThePodPolicy() {
        assertEquals(List.of(), PodPolicy.violations(Manifests.workload(rendered)));
    }

    @Test
    void secretComesFromTheEnvFileAndIsWhatTheDeploymentReferences() {
        Secret secret = Manifests.single(rendered, Secret.class);
        assertEquals(Set.of("TELEGRAM_BOT_TOKEN"), secret.getData().keySet(),
                "the example has only the token; OPENAI_API_KEY is commented out (optional)");
        Deployment d = Manifests.single(rendered, Deployment.class);
        assertEquals(secret.getMetadata().getName(),
                ChartTest.secretRef(ChartTest.container(d), "TELEGRAM_BOT_TOKEN").getName(),
                "kustomize must rewrite the reference to the hashed Secret name");
    }

    @Test
    void realSecretFileIsIgnoredByGit() throws IOException {
        assertTrue(Files.readAllLines(K8S.resolve(".gitignore")).contains("secret.env"));
        assertTrue(Files.exists(K8S.resolve("secret.env.example")));
    }

    @Test
    void networkPolicyMatchesTheChartDefault() {
        ChartTest.assertDefaultNetworkPolicy(Manifests.single(rendered, NetworkPolicy.class));
    }

    /**
     * The chart's default render and k8s/ describe the same deployment. Names the tools make
     * differently (hash suffixes, Helm's labels, checksum annotations) are normalised first; the
     * Namespace and Secret exist only in k8s/ (Helm users create the Secret themselves).
     */
    @Test
    void doesNotDriftFromTheChartDefaults() {
        Map<String, JsonNode> chart = normalise(HelmChart.renderObjects("defaults"), false);
        Map<String, JsonNode> k8s = normalise(rendered, true);
        k8s.remove("Namespace/weather-agent");
        k8s.remove("Secret/weather-agent");

        assertEquals(chart.keySet(), k8s.keySet());
        chart.forEach((key, expected) -> assertEquals(yaml(expected), yaml(k8s.get(key)),
                key + " differs between charts/weather-agent (defaults) and k8s/"));
    }

    /** kind/name to the object as a tree, with the differences that do not matter removed. */
    private static Map<String, JsonNode> normalise(List<HasMetadata> objects, boolean stripGeneratedHashes) {
        Map<String, String> renames = new HashMap<>();
        if (stripGeneratedHashes) {
            objects.stream().filter(o -> o instanceof ConfigMap || o instanceof Secret)
                    .map(o -> o.getMetadata().getName())
                    .forEach(name -> renames.put(name, baseName(name)));
        }
        Map<String, JsonNode> result = new TreeMap<>();
        for (HasMetadata o : objects) {
            JsonNode tree = rename(Manifests.STRICT.valueToTree(o), renames);
            dropToolMetadata(tree.path("metadata"));
            dropToolMetadata(tree.path("spec").path("template").path("metadata"));
            result.put(o.getKind() + "/" + tree.path("metadata").path("name").asString(), tree);
        }
        return result;
    }

    private static void dropToolMetadata(JsonNode metadata) {
        if (metadata instanceof ObjectNode m) {
            m.remove("annotations"); // checksum/* in the chart; k8s/ uses hashed names instead
            if (m.get("labels") instanceof ObjectNode labels) {
                TOOL_LABELS.forEach(labels::remove);
            }
        }
    }

    private static JsonNode rename(JsonNode node, Map<String, String> renames) {
        if (node.isString() && renames.containsKey(node.asString())) {
            return StringNode.valueOf(renames.get(node.asString()));
        }
        if (node instanceof ObjectNode object) {
            object.propertyNames().stream().toList()
                    .forEach(k -> object.set(k, rename(object.get(k), renames)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((ArrayNode) node).set(i, rename(node.get(i), renames));
            }
        }
        return node;
    }

    private static String yaml(JsonNode node) {
        return node == null ? "<missing>" : Manifests.STRICT.writeValueAsString(node);
    }

    private static Map<String, String> baseNames(List<HasMetadata> objects) {
        Map<String, String> names = new TreeMap<>();
        objects.forEach(o -> names.put(o.getKind(), baseName(o.getMetadata().getName())));
        return names;
    }

    private static String baseName(String name) {
        var m = GENERATED.matcher(name);
        return m.matches() ? m.group(1) : name;
    }
}
