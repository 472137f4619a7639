package dev.weatheragent.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMapVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The policy checker itself: it passes a compliant pod and catches each rule broken on purpose. */
class PodPolicyTest {

    private static final Path COMPLIANT = Path.of("src/test/resources/deploy/policy/compliant.yaml");

    @Test
    void compliantWorkloadHasNoViolations() {
        assertEquals(List.of(), PodPolicy.violations(compliant()));
    }

    /** One deliberate breach each, and a fragment of the violation it must produce. */
    static Stream<Arguments> breaches() {
        return Stream.of(
                breach("runAsNonRoot missing", d -> pod(d).getSecurityContext().setRunAsNonRoot(null),
                        "runAsNonRoot must be true"),
                breach("runs as root", d -> pod(d).getSecurityContext().setRunAsUser(0L),
                        "runAsUser must be 10001"),
                breach("no fsGroup", d -> pod(d).getSecurityContext().setFsGroup(null), "fsGroup must be 10001"),
                breach("seccomp unset", d -> pod(d).getSecurityContext().setSeccompProfile(null),
                        "seccompProfile.type must be RuntimeDefault"),
                breach("host network", d -> pod(d).setHostNetwork(true), "host namespace"),
                breach("privilege escalation", d -> app(d).getSecurityContext().setAllowPrivilegeEscalation(true),
                        "allowPrivilegeEscalation must be false"),
                breach("writable root filesystem", d -> app(d).getSecurityContext().setReadOnlyRootFilesystem(false),
                        "readOnlyRootFilesystem must be true"),
                breach("capabilities kept", d -> app(d).getSecurityContext().getCapabilities().setDrop(List.of()),
                        "capabilities.drop must contain ALL"),
                breach("capability added", d -> app(d).getSecurityContext().getCapabilities().setAdd(List.of("NET_ADMIN")),
                        "capabilities.add must be empty"),
                breach("privileged", d -> app(d).getSecurityContext().setPrivileged(true), "privileged"),
                breach("hostPath volume", d -> pod(d).getVolumes().add(hostPath()), "PSS restricted forbids"),
                breach("/tmp not mounted", d -> app(d).getVolumeMounts().clear(), "/tmp must be mounted"),
                breach("/tmp without size limit", d -> pod(d).getVolumes().getFirst().getEmptyDir().setSizeLimit(null),
                        "must have a sizeLimit"),
                breach("HTTP liveness probe", d -> app(d).setLivenessProbe(httpProbe()),
                        "livenessProbe must be exec [/app/healthcheck, live]"),
                breach("readiness probe calls live", d -> app(d).getReadinessProbe().setExec(
                        new ExecAction(List.of("/app/healthcheck", "live"))), "readinessProbe must be exec"),
                breach("no startup probe", d -> app(d).setStartupProbe(null), "startupProbe must be exec"),
                breach("literal bot token", d -> app(d).getEnv().set(0, new EnvVar("TELEGRAM_BOT_TOKEN", "123:abc", null)),
                        "TELEGRAM_BOT_TOKEN must come from secretKeyRef"),
                breach("literal OpenAI key", d -> app(d).getEnv().add(new EnvVar("OPENAI_API_KEY", "sk-x", null)),
                        "OPENAI_API_KEY must come from secretKeyRef"),
                breach("no memory limit", d -> app(d).getResources().getLimits().clear(),
                        "memory request and limit must be set"),
                breach("request above limit", d -> app(d).getResources().getRequests().put("memory", new Quantity("1Gi")),
                        "memory request exceeds the limit"),
                breach("no instance label", d -> d.getSpec().getTemplate().getMetadata().getLabels()
                        .remove("app.kubernetes.io/instance"), "pod template is missing label app.kubernetes.io/instance"),
                breach("rolling update without leader election",
                        d -> d.getSpec().setStrategy(new DeploymentStrategy(null, "RollingUpdate")),
                        "strategy must be Recreate"),
                breach("two replicas without leader election", d -> d.getSpec().setReplicas(2),
                        "replicas is 2 without leader election"),
                breach("two replicas on one SQLite file", d -> d.getSpec().setReplicas(2),
                        "replicas is 2 without DATABASE_URL"),
                breach("no volume at DATA_DIR", d -> app(d).getVolumeMounts().removeIf(m -> "/data".equals(m.getMountPath())),
                        "DATA_DIR /data is not on a volume"),
                breach("no volume at the image's DATA_DIR", d -> {
                    app(d).getEnv().removeIf(e -> "DATA_DIR".equals(e.getName()));
                    app(d).getVolumeMounts().removeIf(m -> "/data".equals(m.getMountPath()));
                }, "DATA_DIR /data is not on a volume"),
                breach("DATA_DIR elsewhere than the volume", d -> app(d).getEnv().add(new EnvVar("DATA_DIR", "/var/data", null)),
                        "DATA_DIR /var/data is not on a volume"),
                breach("data volume mounted read-only", d -> app(d).getVolumeMounts().getLast().setReadOnly(true),
                        "mounted read-only"),
                breach("data volume of another type", d -> pod(d).getVolumes().set(1, configMapVolume("data")),
                        "DATA_DIR /data must be a persistentVolumeClaim"),
                breach("literal database password", d -> app(d).getEnv().add(new EnvVar("DATABASE_PASSWORD", "pw", null)),
                        "DATABASE_PASSWORD must come from secretKeyRef"),
                breach("token mounted without leader election", d -> pod(d).setAutomountServiceAccountToken(null),
                        "automountServiceAccountToken must be false"),
                breach("grace period too short", d -> pod(d).setTerminationGracePeriodSeconds(10L),
                        "terminationGracePeriodSeconds 10 must exceed SHUTDOWN_GRACE_SECONDS + 5 = 10"));
    }

    private static Arguments breach(String name, Consumer<Deployment> change, String expected) {
        return arguments(name, change, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaches")
    void eachBreachIsReported(String name, Consumer<Deployment> change, String expected) {
        PodPolicy.Workload w = compliant();
        change.accept(w.deployment());
        List<String> violations = PodPolicy.violations(w);
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)),
                () -> name + ": expected a violation containing '" + expected + "', got " + violations);
    }

    @Test
    void platformAssignedIdsMustBeLeftOut() {
        PodPolicy.Workload w = compliant();
        assertEquals(List.of(
                "pod securityContext.runAsUser must be left to the platform, was 10001",
                "pod securityContext.runAsGroup must be left to the platform, was 10001",
                "pod securityContext.fsGroup must be left to the platform, was 10001"),
                PodPolicy.violations(w, PodPolicy.Ids.PLATFORM_ASSIGNED));

        PodSecurityContext sc = pod(w.deployment()).getSecurityContext();
        sc.setRunAsUser(null);
        sc.setRunAsGroup(null);
        sc.setFsGroup(null);
        assertEquals(List.of(), PodPolicy.violations(w, PodPolicy.Ids.PLATFORM_ASSIGNED));

        app(w.deployment()).getSecurityContext().setRunAsUser(1000L);
        assertEquals(List.of("container app: runAsUser must be left to the platform, was 1000"),
                PodPolicy.violations(w, PodPolicy.Ids.PLATFORM_ASSIGNED));
    }

    @Test
    void platformAssignedIdsStillNeedTheRestrictedSettings() {
        PodPolicy.Workload w = compliant();
        PodSecurityContext sc = pod(w.deployment()).getSecurityContext();
        sc.setRunAsUser(null);
        sc.setRunAsGroup(null);
        sc.setFsGroup(null);
        sc.setRunAsNonRoot(null);
        app(w.deployment()).getSecurityContext().setAllowPrivilegeEscalation(true);

        assertEquals(List.of("pod securityContext.runAsNonRoot must be true",
                "container app: allowPrivilegeEscalation must be false"),
                PodPolicy.violations(w, PodPolicy.Ids.PLATFORM_ASSIGNED));
    }

    @Test
    void tokenInTheConfigMapIsReported() {
        PodPolicy.Workload w = compliant();
        Map<String, String> config = new HashMap<>(w.config());
        config.put("TELEGRAM_BOT_TOKEN", "123:abc");
        assertTrue(PodPolicy.violations(new PodPolicy.Workload(w.deployment(), config)).stream()
                .anyMatch(v -> v.contains("ConfigMap sets TELEGRAM_BOT_TOKEN")));
    }

    @Test
    void leaderElectionAllowsReplicasButNeedsTokenAndPodIdentity() {
        PodPolicy.Workload w = compliant();
        Map<String, String> config = new HashMap<>(w.config());
        config.put("LEADER_ELECTION", "true");
        config.put("DATABASE_URL", "jdbc:postgresql://db:5432/weather");
        Deployment d = w.deployment();
        d.getSpec().setReplicas(2);
        d.getSpec().setStrategy(new DeploymentStrategy(null, "RollingUpdate"));

        List<String> violations = PodPolicy.violations(new PodPolicy.Workload(d, config));

        assertEquals(List.of(
                "container app: leader election needs POD_NAME from fieldRef metadata.name",
                "container app: leader election needs POD_NAMESPACE from fieldRef metadata.namespace",
                "leader election needs the ServiceAccount token, but automountServiceAccountToken is false"),
                violations);
    }

    /** Leader election lifts the one-poller rules, not the SQLite ones: one pod, and Recreate while the PVC is mounted. */
    @Test
    void leaderElectionOnTheSqliteFileStillNeedsOnePodAndRecreate() {
        PodPolicy.Workload w = compliant();
        Map<String, String> config = new HashMap<>(w.config());
        config.put("LEADER_ELECTION", "true");
        Deployment d = w.deployment();
        pod(d).setAutomountServiceAccountToken(true);
        app(d).getEnv().add(fieldRef("POD_NAME", "metadata.name"));
        app(d).getEnv().add(fieldRef("POD_NAMESPACE", "metadata.namespace"));
        d.getSpec().setReplicas(2);
        d.getSpec().setStrategy(new DeploymentStrategy(null, "RollingUpdate"));

        assertEquals(List.of(
                "replicas is 2 without DATABASE_URL: each pod would keep settings of its own",
                "strategy must be Recreate while a PersistentVolumeClaim holds the SQLite file"
                        + " (a new pod cannot open it while the old one runs)"),
                PodPolicy.violations(new PodPolicy.Workload(d, config)));

        d.getSpec().setReplicas(1);
        d.getSpec().setStrategy(new DeploymentStrategy(null, "Recreate"));
        assertEquals(List.of(), PodPolicy.violations(new PodPolicy.Workload(d, config)));
    }

    /** With PostgreSQL holding the settings, DATA_DIR needs no volume. */
    @Test
    void anExternalDatabaseNeedsNoDataVolume() {
        PodPolicy.Workload w = compliant();
        Map<String, String> config = new HashMap<>(w.config());
        config.put("DATABASE_URL", "jdbc:postgresql://db:5432/weather");
        Deployment d = w.deployment();
        app(d).getVolumeMounts().removeIf(m -> "/data".equals(m.getMountPath()));
        pod(d).getVolumes().removeIf(v -> "data".equals(v.getName()));
        assertEquals(List.of(), PodPolicy.violations(new PodPolicy.Workload(d, config)));
    }

    @Test
    void strictParsingRejectsAMisspeltField() {
        String yaml = """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: app
                automountServiceAccountTokens: false
                """;
        Exception e = assertThrows(Exception.class, () -> Manifests.parse(yaml));
        assertTrue(e.getMessage().contains("automountServiceAccountTokens"), e::getMessage);
    }

    @Test
    void strictParsingRejectsAnUnknownKind() {
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> Manifests.parse("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: app}\n"));
        assertTrue(e.getMessage().contains("unexpected kind 'Ingress'"));
    }

    private static PodPolicy.Workload compliant() {
        try {
            return Manifests.workload(Manifests.parse(Files.readString(COMPLIANT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PodSpec pod(Deployment d) {
        return d.getSpec().getTemplate().getSpec();
    }

    private static Container app(Deployment d) {
        return pod(d).getContainers().getFirst();
    }

    private static Volume hostPath() {
        Volume v = new Volume();
        v.setName("host");
        v.setHostPath(new HostPathVolumeSource("/var/run", null));
        return v;
    }

    private static Volume configMapVolume(String name) {
        Volume v = new Volume();
        v.setName(name);
        v.setConfigMap(new ConfigMapVolumeSourceBuilder().withName("app-config").build());
        return v;
    }

    private static EnvVar fieldRef(String name, String fieldPath) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef()
                .withFieldPath(fieldPath).endFieldRef().endValueFrom().build();
    }

    private static Probe httpProbe() {
        Probe p = new Probe();
        HTTPGetAction get = new HTTPGetAction();
        get.setPath("/health/live");
        get.setPort(new IntOrString(8081));
        p.setHttpGet(get);
        return p;
    }
}
