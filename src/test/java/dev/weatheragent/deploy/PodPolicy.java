package dev.weatheragent.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The rules every rendered weather-agent pod must follow, whether it comes from the Helm chart or
 * from k8s/. Written once so both paths are held to the same standard.
 *
 * <p>It covers the Pod Security Standard "restricted" (and the "baseline" rules it includes) plus
 * this app's contract: read-only root with /tmp as an emptyDir, exec probes on /app/healthcheck,
 * tokens only through secretKeyRef, memory bounds, one poller unless leader election is on, and a
 * writable volume for the SQLite file unless PostgreSQL (DATABASE_URL) holds the settings.
 */
final class PodPolicy {

    static final long APP_UID = 10001;
    static final Set<String> SECRET_ENV = Set.of("TELEGRAM_BOT_TOKEN", "OPENAI_API_KEY", "DATABASE_PASSWORD");
    /** DATA_DIR when neither the pod nor its ConfigMap sets it: the image's ENV. */
    static final String IMAGE_DATA_DIR = "/data";
    /** Volume types PSS "restricted" allows. */
    private static final Set<String> ALLOWED_VOLUMES =
            Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
                    "projected", "secret");
    /** Default SHUTDOWN_GRACE_SECONDS of the app when the ConfigMap does not set it. */
    private static final int DEFAULT_SHUTDOWN_GRACE_SECONDS = 5;

    /** A Deployment and the data of the ConfigMap it loads with envFrom. */
    record Workload(Deployment deployment, Map<String, String> config) {
    }

    /** Who chooses the user and groups the pod runs as. */
    enum Ids {
        /** The pod: runAsUser, runAsGroup and fsGroup are the image's 10001 (the chart's defaults, k8s/). */
        IMAGE_USER,
        /**
         * The platform: OpenShift's restricted-v2 SCC assigns ids from the namespace's range and refuses
         * fixed ones outside it, so the pod and its containers must leave them out.
         */
        PLATFORM_ASSIGNED
    }

    private PodPolicy() {
    }

    /** All broken rules for a pod running as the image's user, as readable sentences; empty when it complies. */
    static List<String> violations(Workload workload) {
        return violations(workload, Ids.IMAGE_USER);
    }

    /** All broken rules, as readable sentences; empty when the workload complies. */
    static List<String> violations(Workload workload, Ids ids) {
        List<String> v = new ArrayList<>();
        Deployment d = workload.deployment();
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        boolean leaderElection = leaderElection(workload);

        checkPodSecurity(pod, ids, v);
        allContainers(pod).forEach(c -> checkContainerSecurity(c, ids, v));
        checkVolumes(pod, v);
        boolean externalDatabase = setting(workload, "DATABASE_URL").filter(u -> !u.isEmpty()).isPresent();
        // The app's contract holds for the app's container, the first (the chart renders sidecars after it);
        // sidecars and init containers, the chart's extension points, are held to the security rules above only.
        pod.getContainers().stream().findFirst().ifPresent(c -> {
            checkTmp(pod, c, v);
            if (!externalDatabase) {
                checkDataDir(workload, pod, c, v);
            }
            checkProbes(c, v);
            checkEnv(c, leaderElection, v);
            checkResources(c, v);
        });
        SECRET_ENV.stream().filter(workload.config()::containsKey).forEach(name ->
                v.add("ConfigMap sets " + name + ": secrets must come from a Secret via secretKeyRef"));
        checkLabels(d, v);
        checkSingleton(d, leaderElection, v);
        checkSharedState(d, externalDatabase, v);
        checkServiceAccountToken(pod, leaderElection, v);
        checkGracePeriod(workload, pod, v);
        return v;
    }

    static boolean leaderElection(Workload workload) {
        return "true".equalsIgnoreCase(setting(workload, "LEADER_ELECTION").orElse(null));
    }

    /**
     * A setting as the container sees it: a literal in its env wins over the ConfigMap it loads, and of two
     * entries with one name the later wins, as in the kubelet.
     */
    private static Optional<String> setting(Workload workload, String name) {
        Optional<String> fromEnv = workload.deployment().getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> c.getEnv().stream())
                .filter(e -> name.equals(e.getName()) && e.getValue() != null)
                .map(EnvVar::getValue)
                .reduce((first, second) -> second);
        return fromEnv.or(() -> Optional.ofNullable(workload.config().get(name)));
    }

    private static Stream<Container> allContainers(PodSpec pod) {
        return Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream());
    }

    private static void checkPodSecurity(PodSpec pod, Ids ids, List<String> v) {
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            v.add("pod shares a host namespace (hostNetwork/hostPID/hostIPC)");
        }
        if (!pod.getEphemeralContainers().isEmpty()) {
            v.add("pod template declares ephemeral containers");
        }
        PodSecurityContext sc = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        if (!Boolean.TRUE.equals(sc.getRunAsNonRoot())) {
            v.add("pod securityContext.runAsNonRoot must be true");
        }
        expectId("pod securityContext.runAsUser", sc.getRunAsUser(), ids, v);
        expectId("pod securityContext.runAsGroup", sc.getRunAsGroup(), ids, v);
        expectId("pod securityContext.fsGroup", sc.getFsGroup(), ids, v);
        if (sc.getSeccompProfile() == null || !"RuntimeDefault".equals(sc.getSeccompProfile().getType())) {
            v.add("pod securityContext.seccompProfile.type must be RuntimeDefault");
        }
        if (!sc.getSysctls().isEmpty()) {
            v.add("pod securityContext.sysctls must be empty");
        }
    }

    private static void expectId(String field, Long actual, Ids ids, List<String> v) {
        if (ids == Ids.IMAGE_USER && (actual == null || actual != APP_UID)) {
            v.add(field + " must be " + APP_UID + " (the image's user), was " + actual);
        }
        if (ids == Ids.PLATFORM_ASSIGNED && actual != null) {
            v.add(field + " must be left to the platform, was " + actual);
        }
    }

    private static void checkContainerSecurity(Container c, Ids ids, List<String> v) {
        String where = "container " + c.getName() + ": ";
        SecurityContext sc = Optional.ofNullable(c.getSecurityContext()).orElseGet(SecurityContext::new);
        if (Boolean.TRUE.equals(sc.getPrivileged())) {
            v.add(where + "privileged");
        }
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            v.add(where + "allowPrivilegeEscalation must be false");
        }
        if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            v.add(where + "readOnlyRootFilesystem must be true");
        }
        if (Boolean.FALSE.equals(sc.getRunAsNonRoot())) {
            v.add(where + "runAsNonRoot is false");
        }
        if (sc.getRunAsUser() != null && sc.getRunAsUser() == 0) {
            v.add(where + "runAsUser is 0 (root)");
        }
        if (ids == Ids.PLATFORM_ASSIGNED) {
            expectId(where + "runAsUser", sc.getRunAsUser(), ids, v);
            expectId(where + "runAsGroup", sc.getRunAsGroup(), ids, v);
        }
        if (sc.getSeccompProfile() != null && "Unconfined".equals(sc.getSeccompProfile().getType())) {
            v.add(where + "seccompProfile is Unconfined");
        }
        Capabilities caps = Optional.ofNullable(sc.getCapabilities()).orElseGet(Capabilities::new);
        if (!caps.getDrop().contains("ALL")) {
            v.add(where + "capabilities.drop must contain ALL");
        }
        if (!caps.getAdd().isEmpty()) {
            v.add(where + "capabilities.add must be empty, was " + caps.getAdd());
        }
        if (c.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
            v.add(where + "uses a hostPort");
        }
    }

    private static void checkVolumes(PodSpec pod, List<String> v) {
        for (Volume vol : pod.getVolumes()) {
            // A Volume sets exactly one source; find which by asking the serialised form.
            Set<String> sources = Manifests.STRICT.valueToTree(vol).propertyNames().stream()
                    .filter(k -> !"name".equals(k))
                    .collect(Collectors.toSet());
            if (!ALLOWED_VOLUMES.containsAll(sources)) {
                v.add("volume " + vol.getName() + " has a type PSS restricted forbids: " + sources);
            }
        }
    }

    private static void checkTmp(PodSpec pod, Container c, List<String> v) {
        Optional<String> tmpVolume = c.getVolumeMounts().stream()
                .filter(m -> "/tmp".equals(m.getMountPath()) && !Boolean.TRUE.equals(m.getReadOnly()))
                .map(VolumeMount::getName)
                .findFirst();
        if (tmpVolume.isEmpty()) {
            v.add("container " + c.getName() + ": /tmp must be mounted writable (the root filesystem is read-only)");
            return;
        }
        Optional<Volume> vol = pod.getVolumes().stream().filter(x -> tmpVolume.get().equals(x.getName())).findFirst();
        if (vol.isEmpty() || vol.get().getEmptyDir() == null) {
            v.add("/tmp must be an emptyDir volume");
        } else if (vol.get().getEmptyDir().getSizeLimit() == null) {
            v.add("/tmp emptyDir must have a sizeLimit (it counts against the node's disk)");
        }
    }

    /**
     * Without PostgreSQL the settings live in DATA_DIR: on a read-only root filesystem that must be a writable
     * volume (a PVC, or an emptyDir that lasts as long as the pod), or the bot quietly keeps them in memory only.
     */
    private static void checkDataDir(Workload w, PodSpec pod, Container c, List<String> v) {
        String dataDir = setting(w, "DATA_DIR").orElse(IMAGE_DATA_DIR);
        Optional<VolumeMount> mount = c.getVolumeMounts().stream()
                .filter(m -> dataDir.equals(m.getMountPath()) || (dataDir + "/").equals(m.getMountPath()))
                .findFirst();
        if (mount.isEmpty()) {
            v.add("container " + c.getName() + ": DATA_DIR " + dataDir + " is not on a volume (the root filesystem is"
                    + " read-only, so the settings would be kept in memory only); mount one there or set DATABASE_URL");
            return;
        }
        if (Boolean.TRUE.equals(mount.get().getReadOnly())) {
            v.add("container " + c.getName() + ": the volume at DATA_DIR " + dataDir + " is mounted read-only");
        }
        Optional<Volume> vol = pod.getVolumes().stream().filter(x -> mount.get().getName().equals(x.getName())).findFirst();
        if (vol.isEmpty() || vol.get().getPersistentVolumeClaim() == null && vol.get().getEmptyDir() == null) {
            v.add("DATA_DIR " + dataDir + " must be a persistentVolumeClaim (or an emptyDir, which lasts as long as the pod)");
        }
    }

    private static void checkProbes(Container c, List<String> v) {
        checkProbe(c.getName(), "startupProbe", c.getStartupProbe(), "live", v);
        checkProbe(c.getName(), "livenessProbe", c.getLivenessProbe(), "live", v);
        checkProbe(c.getName(), "readinessProbe", c.getReadinessProbe(), "ready", v);
    }

    private static void checkProbe(String container, String kind, Probe probe, String arg, List<String> v) {
        List<String> expected = List.of("/app/healthcheck", arg);
        if (probe == null || probe.getExec() == null || !expected.equals(probe.getExec().getCommand())) {
            v.add("container " + container + ": " + kind + " must be exec " + expected
                    + " (health listens on loopback only)");
        }
    }

    private static void checkEnv(Container c, boolean leaderElection, List<String> v) {
        for (EnvVar e : c.getEnv()) {
            if (!SECRET_ENV.contains(e.getName())) {
                continue;
            }
            boolean fromSecret = e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null;
            if (e.getValue() != null || !fromSecret) {
                v.add("container " + c.getName() + ": " + e.getName() + " must come from secretKeyRef, not a literal");
            }
        }
        boolean tokenRef = c.getEnv().stream().anyMatch(e -> "TELEGRAM_BOT_TOKEN".equals(e.getName())
                && e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null);
        if (!tokenRef) {
            v.add("container " + c.getName() + ": TELEGRAM_BOT_TOKEN must be set from a secretKeyRef");
        }
        if (leaderElection) {
            expectFieldRef(c, "POD_NAME", "metadata.name", v);
            expectFieldRef(c, "POD_NAMESPACE", "metadata.namespace", v);
        }
    }

    private static void expectFieldRef(Container c, String name, String fieldPath, List<String> v) {
        boolean ok = c.getEnv().stream().anyMatch(e -> name.equals(e.getName()) && e.getValueFrom() != null
                && e.getValueFrom().getFieldRef() != null
                && fieldPath.equals(e.getValueFrom().getFieldRef().getFieldPath()));
        if (!ok) {
            v.add("container " + c.getName() + ": leader election needs " + name + " from fieldRef " + fieldPath);
        }
    }

    private static void checkResources(Container c, List<String> v) {
        var r = c.getResources();
        Quantity request = r == null ? null : r.getRequests().get("memory");
        Quantity limit = r == null ? null : r.getLimits().get("memory");
        if (request == null || limit == null) {
            v.add("container " + c.getName() + ": memory request and limit must be set (the JVM heap is sized from the limit)");
        } else if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
            v.add("container " + c.getName() + ": memory request exceeds the limit");
        }
    }

    private static void checkLabels(Deployment d, List<String> v) {
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        for (String key : List.of("app.kubernetes.io/name", "app.kubernetes.io/instance")) {
            if (d.getMetadata().getLabels().get(key) == null) {
                v.add("Deployment is missing label " + key);
            }
            if (podLabels.get(key) == null) {
                v.add("pod template is missing label " + key);
            }
        }
        Map<String, String> selector = d.getSpec().getSelector().getMatchLabels();
        if (selector.isEmpty() || !podLabels.entrySet().containsAll(selector.entrySet())) {
            v.add("selector " + selector + " does not match the pod labels " + podLabels);
        }
    }

    private static void checkSingleton(Deployment d, boolean leaderElection, List<String> v) {
        if (leaderElection) {
            return;
        }
        // Two pollers on one bot token get 409 Conflict from Telegram.
        int replicas = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
        if (replicas > 1) {
            v.add("replicas is " + replicas + " without leader election: Telegram allows one poller per token");
        }
        var strategy = d.getSpec().getStrategy();
        if (strategy == null || !"Recreate".equals(strategy.getType())) {
            v.add("strategy must be Recreate without leader election (a rolling update overlaps two pollers)");
        }
    }

    /**
     * The SQLite file serves one pod: a PVC holding it (ReadWriteOnce: one node) must be let go before the next pod
     * starts, and more than one pod needs PostgreSQL, or standbys would take over without the leader's settings.
     */
    private static void checkSharedState(Deployment d, boolean externalDatabase, List<String> v) {
        if (externalDatabase) {
            return;
        }
        int replicas = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
        if (replicas > 1) {
            v.add("replicas is " + replicas + " without DATABASE_URL: each pod would keep settings of its own");
        }
        boolean claim = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                .anyMatch(vol -> vol.getPersistentVolumeClaim() != null);
        var strategy = d.getSpec().getStrategy();
        if (claim && (strategy == null || !"Recreate".equals(strategy.getType()))) {
            v.add("strategy must be Recreate while a PersistentVolumeClaim holds the SQLite file"
                    + " (a new pod cannot open it while the old one runs)");
        }
    }

    private static void checkServiceAccountToken(PodSpec pod, boolean leaderElection, List<String> v) {
        Boolean automount = pod.getAutomountServiceAccountToken();
        if (leaderElection && Boolean.FALSE.equals(automount)) {
            v.add("leader election needs the ServiceAccount token, but automountServiceAccountToken is false");
        }
        if (!leaderElection && !Boolean.FALSE.equals(automount)) {
            v.add("automountServiceAccountToken must be false without leader election");
        }
    }

    private static void checkGracePeriod(Workload w, PodSpec pod, List<String> v) {
        int grace = Integer.parseInt(w.config().getOrDefault("SHUTDOWN_GRACE_SECONDS",
                String.valueOf(DEFAULT_SHUTDOWN_GRACE_SECONDS)));
        // Kubernetes' own default is 30 s when the field is absent.
        long period = Objects.requireNonNullElse(pod.getTerminationGracePeriodSeconds(), 30L);
        if (period <= grace + 5) {
            v.add("terminationGracePeriodSeconds " + period + " must exceed SHUTDOWN_GRACE_SECONDS + 5 = " + (grace + 5));
        }
    }
}
