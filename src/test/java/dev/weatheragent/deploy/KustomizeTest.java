package dev.weatheragent.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
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

    /** The commented-out lines of kustomization.yaml that turn the postgresql component on. */
    private static final String COMPONENT_OFF = "# components:\n#   - postgresql\n";

    private static List<HasMetadata> rendered;
    /** k8s/ with the postgresql component on, as its comments say: DATABASE_URL and DATABASE_PASSWORD added. */
    private static List<HasMetadata> withPostgresql;

    @BeforeAll
    static void render(@TempDir Path workDir) throws IOException, InterruptedException {
        assumeTrue(DeployFiles.onPath("kubectl"), "kubectl is not on the PATH, so k8s/ cannot be rendered: install kubectl 1.27 or newer "
                + "(its built-in kustomize must know labels.includeTemplates)");
        // Work on a copy: the test needs a secret.env, and must never write one into the repo.
        Path copy = copy(workDir.resolve("k8s"));
        rendered = Manifests.parse(DeployFiles.run(List.of("kubectl", "kustomize", copy.toString())));

        Path pg = copy(workDir.resolve("k8s-postgresql"));
        Files.writeString(pg.resolve("config.env"),
                "DATABASE_URL=jdbc:postgresql://postgres.databases.svc:5432/weather?user=weather\n", StandardOpenOption.APPEND);
        Files.writeString(pg.resolve("secret.env"), "DATABASE_PASSWORD=not-a-real-password\n", StandardOpenOption.APPEND);
        String kustomization = Files.readString(pg.resolve("kustomization.yaml"));
        assertTrue(kustomization.contains(COMPONENT_OFF), "kustomization.yaml must carry the commented component lines");
        Files.writeString(pg.resolve("kustomization.yaml"),
                kustomization.replace(COMPONENT_OFF, "components:\n  - postgresql\n"));
        withPostgresql = Manifests.parse(DeployFiles.run(List.of("kubectl", "kustomize", pg.toString())));
    }

    private static Path copy(Path copy) throws IOException {
        DeployFiles.copyDir(K8S, copy, Set.of("secret.env")); // a developer's real secret.env stays put
        Files.copy(K8S.resolve("secret.env.example"), copy.resolve("secret.env"));
        return copy;
    }

    @Test
    void rendersTheExpectedObjects() {
        assertEquals(Map.of("Namespace", "weather-agent", "ServiceAccount", "weather-agent",
                        "ConfigMap", "weather-agent", "Secret", "weather-agent",
                        "Deployment", "weather-agent", "NetworkPolicy", "weather-agent",
                        "PersistentVolumeClaim", "weather-agent-data"),
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

    /** The SQLite file on a 1Gi ReadWriteOnce PVC at /data, written by one pod at a time as UID 10001. */
    @Test
    void settingsLiveOnTheClaim() {
        PersistentVolumeClaim pvc = Manifests.single(rendered, PersistentVolumeClaim.class);
        assertEquals("weather-agent-data", pvc.getMetadata().getName());
        assertEquals(List.of("ReadWriteOnce"), pvc.getSpec().getAccessModes());
        assertEquals(Quantity.parse("1Gi"), pvc.getSpec().getResources().getRequests().get("storage"));

        Deployment d = Manifests.single(rendered, Deployment.class);
        assertEquals("Recreate", d.getSpec().getStrategy().getType());
        assertEquals(10001L, ChartTest.pod(d).getSecurityContext().getFsGroup());
        Container c = ChartTest.container(d);
        assertEquals("/data", c.getEnv().stream().filter(e -> "DATA_DIR".equals(e.getName())).findFirst()
                .orElseThrow().getValue());
        String volume = c.getVolumeMounts().stream().filter(m -> "/data".equals(m.getMountPath())).findFirst()
                .orElseThrow().getName();
        assertEquals("weather-agent-data", ChartTest.pod(d).getVolumes().stream().filter(v -> volume.equals(v.getName()))
                .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName());
    }

    /** The postgresql component, enabled as kustomization.yaml says: no PVC, the password from the Secret. */
    @Test
    void postgresqlComponentReplacesTheClaim() {
        assertEquals(List.of(), Manifests.ofKind(withPostgresql, PersistentVolumeClaim.class));
        Secret secret = Manifests.single(withPostgresql, Secret.class);
        assertEquals(Set.of("TELEGRAM_BOT_TOKEN", "DATABASE_PASSWORD"), secret.getData().keySet());
        Deployment d = Manifests.single(withPostgresql, Deployment.class);
        Container c = ChartTest.container(d);
        assertEquals(secret.getMetadata().getName(), ChartTest.secretRef(c, "DATABASE_PASSWORD").getName(),
                "kustomize must rewrite the patched reference to the hashed Secret name too");
        assertEquals("DATABASE_PASSWORD", ChartTest.secretRef(c, "DATABASE_PASSWORD").getKey());
        assertTrue(c.getEnv().stream().noneMatch(e -> "DATA_DIR".equals(e.getName())));
        assertEquals(List.of("tmp"), ChartTest.pod(d).getVolumes().stream().map(v -> v.getName()).toList());
        assertEquals("jdbc:postgresql://postgres.databases.svc:5432/weather?user=weather",
                Manifests.single(withPostgresql, ConfigMap.class).getData().get("DATABASE_URL"));
        assertTrue(ChartTest.ports(Manifests.single(withPostgresql, NetworkPolicy.class).getSpec().getEgress())
                .contains("TCP/5432"));
        assertEquals(List.of(), PodPolicy.violations(Manifests.workload(withPostgresql)));
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
