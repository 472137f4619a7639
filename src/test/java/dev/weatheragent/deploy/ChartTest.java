package dev.weatheragent.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.weatheragent.config.LoaderVariables;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lints and renders the Helm chart with each value set and checks what comes out. */
class ChartTest {

    static List<String> valueSets() {
        return HelmChart.valueSets();
    }

    @Test
    void everyExpectedValueSetExists() {
        assertEquals(List.of("created-secret", "custom", "defaults", "existing-claim", "existing-secret",
                "extensions", "external-database", "leader-election", "metrics", "network-policy-off", "openshift",
                "persistence"),
                HelmChart.valueSets());
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void lintStrictIsClean(String valueSet, @TempDir Path workDir) {
        assertLintClean(HelmChart.lint(HelmChart.valuesFile(valueSet), workDir));
    }

    static void assertLintClean(LintResult result) {
        // Strict lint fails on warnings; an [INFO] (e.g. "icon is recommended") is fine.
        List<String> problems = result.getMessages().stream()
                .filter(m -> m.contains("[WARNING]") || m.contains("[ERROR]"))
                .toList();
        assertFalse(result.isFailed(), () -> "helm lint --strict failed: " + result.getMessages());
        assertEquals(List.of(), problems);
    }

    /** The value sets whose user and groups the platform assigns; every other one runs as the image's user. */
    private static final Set<String> PLATFORM_ASSIGNED_IDS = Set.of("openshift");

    @ParameterizedTest
    @MethodSource("valueSets")
    void rendersObjectsThatParseStrictlyAndPassThePodPolicy(String valueSet) {
        List<HasMetadata> objects = HelmChart.renderObjects(valueSet);

        PodPolicy.Ids ids = PLATFORM_ASSIGNED_IDS.contains(valueSet)
                ? PodPolicy.Ids.PLATFORM_ASSIGNED
                : PodPolicy.Ids.IMAGE_USER;
        assertEquals(List.of(), PodPolicy.violations(Manifests.workload(objects), ids));
        for (HasMetadata o : objects) {
            String what = o.getKind() + "/" + o.getMetadata().getName();
            assertEquals(HelmChart.NAMESPACE, o.getMetadata().getNamespace(), what);
            Map<String, String> labels = o.getMetadata().getLabels();
            assertEquals("weather-agent", labels.get("app.kubernetes.io/name"), what);
            assertEquals(HelmChart.RELEASE, labels.get("app.kubernetes.io/instance"), what);
            assertEquals("0.1.0", labels.get("app.kubernetes.io/version"), what);
            assertEquals("weather-agent-0.4.0", labels.get("helm.sh/chart"), what);
        }
    }

    @Test
    void defaultsRenderTheMinimalSecureSet() {
        List<HasMetadata> objects = HelmChart.renderObjects("defaults");

        assertEquals(Set.of("ServiceAccount", "ConfigMap", "Deployment", "NetworkPolicy", "PersistentVolumeClaim"),
                kinds(objects), "no Secret (an existing one is expected), no RBAC, and no Service: nothing listens");
        Deployment d = Manifests.single(objects, Deployment.class);
        Container c = container(d);
        assertEquals(1, d.getSpec().getReplicas());
        assertEquals("ghcr.io/weather-agent/weather-agent:0.1.0", c.getImage(),
                "the published image by default, its tag the appVersion");
        assertEquals("IfNotPresent", c.getImagePullPolicy());
        assertTrue(c.getPorts().isEmpty(), "the app exposes no port");
        assertEquals(30L, pod(d).getTerminationGracePeriodSeconds());
        assertEquals(Quantity.parse("64Mi"), pod(d).getVolumes().getFirst().getEmptyDir().getSizeLimit());
        assertEquals(Map.of("cpu", Quantity.parse("50m"), "memory", Quantity.parse("192Mi")),
                c.getResources().getRequests());
        assertEquals(Map.of("memory", Quantity.parse("256Mi")), c.getResources().getLimits(),
                "memory limit only: no CPU limit by default");
        assertNotNull(d.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config"));

        assertEquals(new SecretKeySelector("TELEGRAM_BOT_TOKEN", "weather-agent", null), secretRef(c, "TELEGRAM_BOT_TOKEN"));
        assertEquals(new SecretKeySelector("OPENAI_API_KEY", "weather-agent", true), secretRef(c, "OPENAI_API_KEY"));

        ConfigMap config = Manifests.single(objects, ConfigMap.class);
        assertEquals(Map.of(
                "TELEGRAM_API_BASE_URL", "https://api.telegram.org",
                "OPEN_METEO_FORECAST_URL", "https://api.open-meteo.com/v1/forecast",
                "OPEN_METEO_GEOCODING_URL", "https://geocoding-api.open-meteo.com/v1/search",
                "HEALTH_PORT", "8081",
                "LOG_LEVEL", "INFO",
                "LOG_FORMAT", "json",
                "POLL_TIMEOUT_SECONDS", "50",
                "SHUTDOWN_GRACE_SECONDS", "5",
                "LEADER_ELECTION", "false"), config.getData(), "empty settings are left to the app's defaults");

        assertEquals(false, Manifests.single(objects, ServiceAccount.class).getAutomountServiceAccountToken());
        assertDefaultNetworkPolicy(Manifests.single(objects, NetworkPolicy.class));
    }

    /** No ingress at all; egress DNS on UDP+TCP 53 and HTTPS on 443, to any address. */
    static void assertDefaultNetworkPolicy(NetworkPolicy policy) {
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        assertTrue(policy.getSpec().getIngress().isEmpty(), "no ingress rule: everything inbound is denied");
        assertEquals(Set.of("UDP/53", "TCP/53", "TCP/443"), ports(policy.getSpec().getEgress()));
        assertTrue(policy.getSpec().getEgress().stream().allMatch(r -> r.getTo().isEmpty()));
        assertEquals(Map.of("app.kubernetes.io/name", "weather-agent", "app.kubernetes.io/instance", "weather-agent"),
                policy.getSpec().getPodSelector().getMatchLabels());
    }

    @Test
    void existingSecretWithCustomKeyNames() {
        List<HasMetadata> objects = HelmChart.renderObjects("existing-secret");

        assertTrue(Manifests.ofKind(objects, Secret.class).isEmpty());
        Container c = container(Manifests.single(objects, Deployment.class));
        assertEquals(new SecretKeySelector("bot-token", "telegram-credentials", null), secretRef(c, "TELEGRAM_BOT_TOKEN"));
        assertEquals(new SecretKeySelector("openai-key", "telegram-credentials", true), secretRef(c, "OPENAI_API_KEY"));
    }

    @Test
    void createdSecretHoldsTheTokensUnderTheConfiguredKeys() {
        List<HasMetadata> objects = HelmChart.renderObjects("created-secret");

        Secret secret = Manifests.single(objects, Secret.class);
        assertEquals("weather-agent", secret.getMetadata().getName());
        assertEquals("123456789:not-a-real-token-used-only-in-tests", decode(secret.getData().get("TELEGRAM_BOT_TOKEN")));
        assertEquals("sk-not-a-real-key", decode(secret.getData().get("OPENAI_API_KEY")));
        Deployment d = Manifests.single(objects, Deployment.class);
        assertEquals("weather-agent", secretRef(container(d), "TELEGRAM_BOT_TOKEN").getName());
        assertNotNull(d.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/secret"),
                "a rotated token must restart the pod");
    }

    @Test
    void leaderElectionRunsStandbysWithANamespacedRole() {
        List<HasMetadata> objects = HelmChart.renderObjects("leader-election");

        Deployment d = Manifests.single(objects, Deployment.class);
        assertEquals(2, d.getSpec().getReplicas());
        assertEquals("RollingUpdate", d.getSpec().getStrategy().getType(), "no PVC: the settings are in PostgreSQL");
        assertEquals(true, pod(d).getAutomountServiceAccountToken());
        Map<String, String> config = Manifests.single(objects, ConfigMap.class).getData();
        assertEquals("true", config.get("LEADER_ELECTION"));
        assertEquals("weather-agent-leader", config.get("LEADER_ELECTION_LEASE_NAME"));
        assertEquals("metadata.name", fieldRef(container(d), "POD_NAME"));
        assertEquals("metadata.namespace", fieldRef(container(d), "POD_NAMESPACE"));

        Role role = Manifests.single(objects, Role.class);
        assertEquals(HelmChart.NAMESPACE, role.getMetadata().getNamespace());
        assertEquals(Set.of(
                "coordination.k8s.io/leases:get[weather-agent-leader]",
                "coordination.k8s.io/leases:update[weather-agent-leader]",
                "coordination.k8s.io/leases:create[]",
                "/events:create[]",
                "events.k8s.io/events:create[]"), grants(role.getRules()));

        RoleBinding binding = Manifests.single(objects, RoleBinding.class);
        assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName());
        assertEquals("Role", binding.getRoleRef().getKind());
        assertEquals(pod(d).getServiceAccountName(), binding.getSubjects().getFirst().getName());
        assertEquals("ServiceAccount", binding.getSubjects().getFirst().getKind());

        NetworkPolicy policy = Manifests.single(objects, NetworkPolicy.class);
        NetworkPolicyEgressRule apiServer = policy.getSpec().getEgress().getLast();
        assertEquals(Set.of("TCP/443", "TCP/6443"), ports(List.of(apiServer)));
        assertEquals(List.of("192.0.2.10/32"),
                apiServer.getTo().stream().map(NetworkPolicyPeer::getIpBlock).map(b -> b.getCidr()).toList());
    }

    @Test
    void networkPolicyCanBeTurnedOff() {
        assertTrue(Manifests.ofKind(HelmChart.renderObjects("network-policy-off"), NetworkPolicy.class).isEmpty());
    }

    @Test
    void customSchedulingResourcesAndSettingsArePassedThrough() {
        List<HasMetadata> objects = HelmChart.renderObjects("custom");

        Deployment d = Manifests.single(objects, Deployment.class);
        PodSpec pod = pod(d);
        Container c = container(d);
        assertEquals("registry.example.com/bots/weather-agent@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", c.getImage(), "digest wins over tag");
        assertEquals("Always", c.getImagePullPolicy());
        assertEquals("regcred", pod.getImagePullSecrets().getFirst().getName());
        assertEquals(Map.of("cpu", Quantity.parse("100m"), "memory", Quantity.parse("256Mi")), c.getResources().getRequests());
        assertEquals(Map.of("cpu", Quantity.parse("1"), "memory", Quantity.parse("384Mi")), c.getResources().getLimits());
        assertEquals(Quantity.parse("128Mi"), pod.getVolumes().getFirst().getEmptyDir().getSizeLimit());
        assertEquals(Map.of("kubernetes.io/arch", "amd64"), pod.getNodeSelector());
        assertEquals("bots", pod.getTolerations().getFirst().getValue());
        assertEquals("NoSchedule", pod.getTolerations().getFirst().getEffect());
        assertEquals("kubernetes.io/os", pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().getFirst().getMatchExpressions().getFirst().getKey());
        assertEquals("bots", d.getSpec().getTemplate().getMetadata().getAnnotations().get("example.com/team"));
        assertEquals("chat", d.getSpec().getTemplate().getMetadata().getLabels().get("example.com/tier"));
        assertEquals(20L, pod.getTerminationGracePeriodSeconds());
        assertEquals("http://proxy.example.com:3128", c.getEnv().stream()
                .filter(e -> "HTTPS_PROXY".equals(e.getName())).findFirst().orElseThrow().getValue());

        Map<String, String> config = Manifests.single(objects, ConfigMap.class).getData();
        assertEquals("123456789,-1001234567890", config.get("ALLOWED_CHAT_IDS"), "large group ids must not turn into floats");
        assertEquals("text", config.get("LOG_FORMAT"));
        assertEquals("DEBUG", config.get("LOG_LEVEL"));
        assertEquals("10", config.get("SHUTDOWN_GRACE_SECONDS"));
        assertEquals("45", config.get("OPENAI_TIMEOUT"));
        assertEquals("10", config.get("LLM_REQUESTS_PER_CHAT_PER_HOUR"));
        assertEquals("5000000", config.get("LLM_DAILY_TOKEN_BUDGET"), "a large budget must not turn into a float");

        assertTrue(ports(Manifests.single(objects, NetworkPolicy.class).getSpec().getEgress()).contains("TCP/3128"));
        assertEquals("bots", Manifests.single(objects, ServiceAccount.class).getMetadata().getAnnotations()
                .get("example.com/owner"));
    }

    /**
     * A new setting in ConfigLoader must get a chart value (or be named here as deliberately left out): every
     * variable the app reads reaches the container, from the ConfigMap or the pod's own env.
     */
    @Test
    void everySettingTheAppReadsCanBeGivenThroughTheChart() throws IOException {
        TemplateCommand everything = HelmChart.template()
                .withValuesFile(HelmChart.valuesFile("custom"))
                .set("leaderElection.enabled", true)
                .set("metrics.enabled", true)
                .set("config.openMeteoAirQualityUrl", "https://aq.example.com/v1/air-quality")
                .set("config.openaiBaseUrl", "https://llm.example.com/v1")
                .set("config.openaiModel", "some-model")
                .set("config.openMeteoCallsPerMinute", 600)
                .set("config.telegramMessagesPerSecond", 1000);
        Set<String> given = new TreeSet<>();
        // DATA_DIR (the SQLite file's volume) and DATABASE_URL + DATABASE_PASSWORD (PostgreSQL) exclude each other.
        addSettings(Manifests.parse(everything.call()), given);
        addSettings(Manifests.parse(everything
                .set("externalDatabase.url", "postgres://weather@db.example.com:5432/weather")
                .set("externalDatabase.existingSecret", "weather-postgresql")
                .call()), given);
        Set<String> missing = new TreeSet<>(LoaderVariables.names());
        missing.removeAll(given);
        assertEquals(Set.of("TELEGRAM_SEND_LIMITS"), missing,
                "read by the app but not settable through the chart (TELEGRAM_SEND_LIMITS is for benchmarks only)");
    }

    /** The names the container gets, from its ConfigMap and its own env. */
    private static void addSettings(List<HasMetadata> objects, Set<String> names) {
        names.addAll(Manifests.single(objects, ConfigMap.class).getData().keySet());
        container(Manifests.single(objects, Deployment.class)).getEnv().forEach(e -> names.add(e.getName()));
    }

    @Test
    void changingASettingChangesTheConfigChecksumSoThePodRestarts() {
        String before = checksum(HelmChart.template().call());
        String after = checksum(HelmChart.template().set("config.logLevel", "DEBUG").call());
        assertNotEquals(before, after);
    }

    /** helm template skips NOTES.txt; a client-only dry-run install renders it like a real install. */
    @Test
    void notesTellHowToCreateTheSecretAndFindTheLogs() {
        String notes = new Helm(HelmChart.CHART).install()
                .withName("bot").withNamespace("bots").withKubeVersion(HelmChart.KUBE_VERSION)
                .clientOnly().dryRun()
                .set("secret.keys.telegramBotToken", "bot-token")
                .set("leaderElection.enabled", true)
                .call().getOutput();
        assertTrue(notes.contains("kubectl create secret generic bot-weather-agent"), notes);
        assertTrue(notes.contains("--namespace bots"), notes);
        assertTrue(notes.contains("--from-literal=bot-token=\"$TELEGRAM_BOT_TOKEN\""), notes);
        assertTrue(notes.contains("kubectl --namespace bots logs deployment/bot-weather-agent"), notes);
        assertTrue(notes.contains("get lease bot-weather-agent"), notes);
        assertTrue(notes.contains("send /setinline\nto @BotFather"), notes);
    }

    @Test
    void tagDefaultsToAppVersionButCanBeSet() {
        Deployment d = Manifests.single(Manifests.parse(HelmChart.template().set("image.tag", "dev-1").call()),
                Deployment.class);
        assertEquals("ghcr.io/weather-agent/weather-agent:dev-1", container(d).getImage());
    }

    @Test
    void registryGoesBeforeTheRepositoryAndTheGlobalOneWins() {
        assertEquals("registry.example.com/weather-agent/weather-agent:0.1.0",
                image(HelmChart.template().set("image.registry", "registry.example.com")));
        assertEquals("weather-agent:0.1.0", image(HelmChart.template().set("image.registry", "")
                .set("image.repository", "weather-agent")), "an empty registry leaves the repository as it is");
        assertEquals("mirror.example.com:5000/proxy/weather-agent/weather-agent:0.1.0", image(HelmChart.template()
                .set("image.registry", "registry.example.com")
                .set("global.imageRegistry", "mirror.example.com:5000/proxy")));
    }

    @Test
    void globalPullSecretsComeFirstAndEachNameOnce() {
        PodSpec pod = pod(Manifests.single(Manifests.parse(HelmChart.template()
                .set("global.imagePullSecrets[0]", "mirror-pull")
                .set("global.imagePullSecrets[1].name", "regcred")
                .set("imagePullSecrets[0].name", "regcred")
                .set("imagePullSecrets[1].name", "team-pull")
                .call()), Deployment.class));
        assertEquals(List.of("mirror-pull", "regcred", "team-pull"),
                pod.getImagePullSecrets().stream().map(LocalObjectReference::getName).toList());
    }

    @Test
    void noPullSecretsByDefault() {
        assertTrue(pod(Manifests.single(HelmChart.renderObjects("defaults"), Deployment.class))
                .getImagePullSecrets().isEmpty());
    }

    private static String image(TemplateCommand template) {
        return container(Manifests.single(Manifests.parse(template.call()), Deployment.class)).getImage();
    }

    private static String checksum(String rendered) {
        return Manifests.single(Manifests.parse(rendered), Deployment.class)
                .getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }

    static Set<String> kinds(List<HasMetadata> objects) {
        return objects.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
    }

    static PodSpec pod(Deployment d) {
        return d.getSpec().getTemplate().getSpec();
    }

    static Container container(Deployment d) {
        List<Container> containers = pod(d).getContainers();
        assertEquals(1, containers.size());
        return containers.getFirst();
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    static SecretKeySelector secretRef(Container c, String name) {
        return env(c, name).getValueFrom().getSecretKeyRef();
    }

    private static String fieldRef(Container c, String name) {
        return env(c, name).getValueFrom().getFieldRef().getFieldPath();
    }

    /** "PROTOCOL/port" for every port of every rule. */
    static Set<String> ports(List<NetworkPolicyEgressRule> rules) {
        return rules.stream().flatMap(r -> r.getPorts().stream())
                .map(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
                .collect(Collectors.toSet());
    }

    /** One "group/resource:verb[names]" string per granted combination, to compare rules as a set. */
    private static Set<String> grants(List<PolicyRule> rules) {
        return rules.stream().flatMap(r -> r.getApiGroups().stream().flatMap(g -> r.getResources().stream()
                        .flatMap(res -> r.getVerbs().stream().flatMap(verb -> r.getResourceNames().isEmpty()
                                ? Stream.of(g + "/" + res + ":" + verb + "[]")
                                : r.getResourceNames().stream().map(n -> g + "/" + res + ":" + verb + "[" + n + "]")))))
                .collect(Collectors.toSet());
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
