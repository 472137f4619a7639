package dev.weatheragent.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the chats' settings live: the SQLite file on a PVC by default (persistence.*), or PostgreSQL
 * (externalDatabase.*) with no volume at all.
 */
class ChartStorageTest {

    private static final String CLAIM = "weather-agent-data";

    @Test
    void byDefaultAPersistentVolumeClaimHoldsTheSqliteFile() {
        List<HasMetadata> objects = HelmChart.renderObjects("defaults");

        PersistentVolumeClaim pvc = Manifests.single(objects, PersistentVolumeClaim.class);
        assertEquals(CLAIM, pvc.getMetadata().getName());
        assertEquals(HelmChart.NAMESPACE, pvc.getMetadata().getNamespace());
        assertEquals(List.of("ReadWriteOnce"), pvc.getSpec().getAccessModes());
        assertEquals(Map.of("storage", Quantity.parse("1Gi")), pvc.getSpec().getResources().getRequests());
        assertNull(pvc.getSpec().getStorageClassName(), "no class named: the cluster's default applies");
        assertEquals(Map.of(), pvc.getMetadata().getAnnotations());

        Deployment d = Manifests.single(objects, Deployment.class);
        assertEquals(CLAIM, dataVolume(d).getPersistentVolumeClaim().getClaimName());
        assertDataAt("/data", d);
        assertEquals("Recreate", d.getSpec().getStrategy().getType());
        assertEquals(10001L, ChartTest.pod(d).getSecurityContext().getFsGroup(), "the volume is writable for UID 10001");
        assertEquals(true, ChartTest.container(d).getSecurityContext().getReadOnlyRootFilesystem());
        assertNotNull(volume(d, "tmp").getEmptyDir(), "/tmp stays an emptyDir");
        assertFalse(env(ChartTest.container(d), "DATABASE_PASSWORD").isPresent());
        assertFalse(Manifests.single(objects, ConfigMap.class).getData().containsKey("DATABASE_URL"));
    }

    @Test
    void theClaimTakesTheValuesGiven() {
        List<HasMetadata> objects = HelmChart.renderObjects("persistence");

        PersistentVolumeClaim pvc = Manifests.single(objects, PersistentVolumeClaim.class);
        assertEquals(CLAIM, pvc.getMetadata().getName());
        assertEquals("fast-ssd", pvc.getSpec().getStorageClassName());
        assertEquals(List.of("ReadWriteOncePod"), pvc.getSpec().getAccessModes());
        assertEquals(Quantity.parse("5Gi"), pvc.getSpec().getResources().getRequests().get("storage"));
        assertEquals(Map.of("helm.sh/resource-policy", "keep"), pvc.getMetadata().getAnnotations());
        assertEquals("weather-agent", pvc.getMetadata().getLabels().get("app.kubernetes.io/name"));
        assertDataAt("/var/lib/weather-agent", Manifests.single(objects, Deployment.class));
    }

    /** Bitnami's rules: global.storageClass wins, global.defaultStorageClass only fills in, "-" means "". */
    @Test
    void storageClassFollowsTheBitnamiConventions() {
        assertEquals(Optional.empty(), storageClass(HelmChart.template()));
        assertEquals(Optional.of(""), storageClass(HelmChart.template().set("persistence.storageClass", "-")));
        assertEquals(Optional.of("standard"),
                storageClass(HelmChart.template().set("global.defaultStorageClass", "standard")));
        assertEquals(Optional.of("fast"), storageClass(HelmChart.template()
                .set("global.defaultStorageClass", "standard").set("persistence.storageClass", "fast")));
        assertEquals(Optional.of("forced"), storageClass(HelmChart.template()
                .set("global.storageClass", "forced").set("persistence.storageClass", "fast")));
    }

    @Test
    void anExistingClaimIsMountedAndNoneIsCreated() {
        List<HasMetadata> objects = HelmChart.renderObjects("existing-claim");

        assertEquals(List.of(), Manifests.ofKind(objects, PersistentVolumeClaim.class));
        Deployment d = Manifests.single(objects, Deployment.class);
        assertEquals("weather-agent-restored", dataVolume(d).getPersistentVolumeClaim().getClaimName());
        assertDataAt("/data", d);
        assertEquals("Recreate", d.getSpec().getStrategy().getType());
    }

    @Test
    void withoutPersistenceTheFileLastsAsLongAsThePod() {
        List<HasMetadata> objects = Manifests.parse(HelmChart.template().set("persistence.enabled", false).call());

        assertEquals(List.of(), Manifests.ofKind(objects, PersistentVolumeClaim.class));
        Deployment d = Manifests.single(objects, Deployment.class);
        assertEquals(Quantity.parse("1Gi"), dataVolume(d).getEmptyDir().getSizeLimit());
        assertDataAt("/data", d);
        assertEquals(List.of(), PodPolicy.violations(Manifests.workload(objects)));
    }

    /** Recreate is for the PVC; without one, leader election keeps its surge rollout. */
    @Test
    void recreateWhileAClaimIsMountedEvenWithLeaderElection() {
        assertEquals("Recreate", strategy(HelmChart.template().set("leaderElection.enabled", true)));
        assertEquals("Recreate", strategy(HelmChart.template().set("leaderElection.enabled", true)
                .set("persistence.existingClaim", "mine")));
        assertEquals("RollingUpdate", strategy(HelmChart.template().set("leaderElection.enabled", true)
                .set("persistence.enabled", false)));
        assertEquals("RollingUpdate", strategy(HelmChart.template().set("leaderElection.enabled", true)
                .set("externalDatabase.url", "jdbc:postgresql://db:5432/weather")));
    }

    @Test
    void anExistingSecretGivesThePasswordAndNoVolumeIsMounted() {
        List<HasMetadata> objects = HelmChart.renderObjects("leader-election");

        assertEquals(List.of(), Manifests.ofKind(objects, PersistentVolumeClaim.class));
        assertEquals(List.of(), Manifests.ofKind(objects, Secret.class), "the password stays in the existing Secret");
        Deployment d = Manifests.single(objects, Deployment.class);
        Container c = ChartTest.container(d);
        assertEquals(new SecretKeySelector("password", "weather-postgresql", null), ChartTest.secretRef(c, "DATABASE_PASSWORD"));
        assertEquals("jdbc:postgresql://postgres.databases.svc:5432/weather?user=weather",
                Manifests.single(objects, ConfigMap.class).getData().get("DATABASE_URL"));
        assertFalse(env(c, "DATA_DIR").isPresent(), "no SQLite file, so no DATA_DIR");
        assertEquals(List.of("/tmp"), c.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList());
        assertEquals(List.of("tmp"), ChartTest.pod(d).getVolumes().stream().map(Volume::getName).toList());
        assertEquals(List.of(), PodPolicy.violations(Manifests.workload(objects)));
    }

    @Test
    void aPlainPasswordGoesIntoASecretOfTheChart() {
        List<HasMetadata> objects = HelmChart.renderObjects("external-database");

        assertEquals(List.of(), Manifests.ofKind(objects, PersistentVolumeClaim.class), "persistence is ignored");
        Secret secret = Manifests.single(objects, Secret.class);
        assertEquals("weather-agent-externaldb", secret.getMetadata().getName());
        assertEquals(Set.of("password"), secret.getData().keySet());
        assertEquals("not-a-real-password-used-only-in-tests", decode(secret.getData().get("password")));

        Deployment d = Manifests.single(objects, Deployment.class);
        assertEquals(new SecretKeySelector("password", "weather-agent-externaldb", null),
                ChartTest.secretRef(ChartTest.container(d), "DATABASE_PASSWORD"));
        assertNotNull(d.getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/database-secret"),
                "a changed password must restart the pod");
        String rendered = HelmChart.render("external-database");
        assertEquals(1, rendered.split("not-a-real-password", -1).length, "the password appears nowhere in plain text");
    }

    @Test
    void aDatabaseWithoutPasswordGetsNoPasswordVariable() {
        List<HasMetadata> objects = Manifests.parse(HelmChart.template()
                .set("externalDatabase.url", "postgres://weather@db:5432/weather").call());
        assertFalse(env(ChartTest.container(Manifests.single(objects, Deployment.class)), "DATABASE_PASSWORD").isPresent());
        assertEquals(List.of(), Manifests.ofKind(objects, Secret.class));
    }

    /**
     * The NetworkPolicy lets the pod reach the database: each port of the URL, 5432 for a host without one.
     * (helm-java escapes the commas that --set would otherwise split on.)
     */
    @Test
    void theNetworkPolicyOpensTheDatabasePorts() {
        assertEquals(Set.of("UDP/53", "TCP/53", "TCP/443"), egressPorts(HelmChart.template()));
        assertEquals(Set.of("UDP/53", "TCP/53", "TCP/443", "TCP/5432"), egressPorts(HelmChart.template()
                .set("externalDatabase.url", "postgres://weather@db.example.com/weather")));
        assertEquals(Set.of("UDP/53", "TCP/53", "TCP/443", "TCP/5432", "TCP/6432"), egressPorts(HelmChart.template()
                .set("externalDatabase.url", "jdbc:postgresql://pg-1:6432,pg-2:6432,pg-3/weather")));
    }

    /** The schema's message, and the same from the template when the schema is skipped (a copy without it). */
    @Test
    void twoReplicasOnTheSqliteFileAreRefusedWithAReason(@TempDir Path workDir) throws Exception {
        String reason = "externalDatabase.url: replicaCount > 1 needs PostgreSQL, because the SQLite file on a"
                + " ReadWriteOnce volume cannot be shared between pods";
        Exception bySchema = assertThrows(Exception.class, () -> HelmChart.template()
                .set("replicaCount", 2).set("leaderElection.enabled", true).call());
        assertTrue(bySchema.getMessage().contains("values don't meet the specifications of the schema"), bySchema::getMessage);
        assertTrue(bySchema.getMessage().contains(reason), bySchema::getMessage);

        Path copy = HelmChart.copyChart(workDir);
        Files.delete(copy.resolve("values.schema.json"));
        Exception byTemplate = assertThrows(Exception.class, () -> new Helm(copy).template()
                .withName(HelmChart.RELEASE).withKubeVersion(HelmChart.KUBE_VERSION)
                .set("replicaCount", 2).set("leaderElection.enabled", true).call());
        assertTrue(byTemplate.getMessage().contains(reason), byTemplate::getMessage);
    }

    @Test
    void notesSayWhereTheDataLivesButNeverThePassword() {
        String sqlite = notes(new Helm(HelmChart.CHART).install());
        assertTrue(sqlite.contains("/data/weather-agent.db on the PersistentVolumeClaim \"bot-weather-agent-data\""), sqlite);
        assertTrue(sqlite.contains("--backup /data/"), sqlite);
        assertTrue(sqlite.contains("kubectl --namespace bots exec deployment/bot-weather-agent"), sqlite);

        String postgres = notes(new Helm(HelmChart.CHART).install()
                .set("externalDatabase.url", "postgres://weather@db.example.com:5432/weather?sslmode=require")
                .set("externalDatabase.password", "not-a-real-password"));
        assertTrue(postgres.contains("PostgreSQL at db.example.com:5432/weather"), postgres);
        assertTrue(postgres.contains("Secret \"bot-weather-agent-externaldb\""), postgres);
        assertFalse(postgres.contains("not-a-real-password"), postgres);
        assertFalse(postgres.contains("PersistentVolumeClaim"), postgres);
    }

    private static String notes(com.marcnuri.helm.InstallCommand install) {
        return install.withName("bot").withNamespace("bots").withKubeVersion(HelmChart.KUBE_VERSION)
                .clientOnly().dryRun().call().getOutput();
    }

    /** DATA_DIR names the mount of the data volume. */
    private static void assertDataAt(String path, Deployment d) {
        Container c = ChartTest.container(d);
        assertEquals(Optional.of(path), env(c, "DATA_DIR").map(EnvVar::getValue));
        VolumeMount mount = c.getVolumeMounts().stream().filter(m -> "data".equals(m.getName())).findFirst().orElseThrow();
        assertEquals(path, mount.getMountPath());
        assertNull(mount.getReadOnly());
    }

    private static Volume dataVolume(Deployment d) {
        return volume(d, "data");
    }

    private static Volume volume(Deployment d, String name) {
        PodSpec pod = ChartTest.pod(d);
        return pod.getVolumes().stream().filter(v -> name.equals(v.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name + " in " + pod.getVolumes()));
    }

    private static Optional<EnvVar> env(Container c, String name) {
        return c.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst();
    }

    private static Optional<String> storageClass(TemplateCommand template) {
        PersistentVolumeClaim pvc = Manifests.single(Manifests.parse(template.call()), PersistentVolumeClaim.class);
        return Optional.ofNullable(pvc.getSpec().getStorageClassName());
    }

    private static String strategy(TemplateCommand template) {
        return Manifests.single(Manifests.parse(template.call()), Deployment.class).getSpec().getStrategy().getType();
    }

    private static Set<String> egressPorts(TemplateCommand template) {
        NetworkPolicy policy = Manifests.single(Manifests.parse(template.call()), NetworkPolicy.class);
        return ChartTest.ports(policy.getSpec().getEgress());
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
