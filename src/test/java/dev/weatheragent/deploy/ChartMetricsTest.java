package dev.weatheragent.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart with metrics off (the default) and on: the port, its Service, the ServiceMonitor, the scrape's way in. */
class ChartMetricsTest {

    private static final Path DASHBOARD = HelmChart.CHART.resolve("dashboards/weather-agent.json");

    private static Container container(List<HasMetadata> objects) {
        return Manifests.single(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers()
                .getFirst();
    }

    private static List<HasMetadata> serviceMonitors(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o.getKind().equals("ServiceMonitor")).toList();
    }

    @Test
    void offByDefaultNothingListensAndNothingComesIn() {
        List<HasMetadata> objects = HelmChart.renderObjects("defaults");
        assertEquals(List.of(), Manifests.ofKind(objects, Service.class));
        assertEquals(List.of(), serviceMonitors(objects));
        assertEquals(List.of(), container(objects).getPorts());
        Map<String, String> config = Manifests.workload(objects).config();
        assertTrue(!config.containsKey("METRICS_PORT") && !config.containsKey("METRICS_HOST"), config.toString());
        assertEquals(List.of(), Manifests.single(objects, NetworkPolicy.class).getSpec().getIngress());
        assertEquals(1, Manifests.ofKind(objects, ConfigMap.class).size(), "no dashboard ConfigMap");
    }

    @Test
    void onTheContainerServesTheMetricsPortAndItsServiceSelectsThePod() {
        List<HasMetadata> objects = HelmChart.renderObjects("metrics");
        Map<String, String> config = Manifests.workload(objects).config();
        assertEquals("9464", config.get("METRICS_PORT"));
        assertEquals("0.0.0.0", config.get("METRICS_HOST"));
        ContainerPort port = new ContainerPort(9464, null, null, "metrics", "TCP");
        assertEquals(List.of(port), container(objects).getPorts(), "the metrics port only: health stays on loopback");

        Service service = Manifests.single(objects, Service.class);
        assertEquals("weather-agent-metrics", service.getMetadata().getName());
        assertEquals("ClusterIP", service.getSpec().getType());
        Map<String, String> podLabels = Manifests.single(objects, Deployment.class).getSpec().getTemplate()
                .getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()),
                "the Service selects the bot's pods: " + service.getSpec().getSelector());
        ServicePort servicePort = service.getSpec().getPorts().getFirst();
        assertEquals(1, service.getSpec().getPorts().size());
        assertEquals("metrics", servicePort.getName());
        assertEquals(9464, servicePort.getPort());
        assertEquals(new IntOrString("metrics"), servicePort.getTargetPort());
    }

    @Test
    void theNetworkPolicyLetsInExactlyTheScrapeAndKeepsItsEgress() {
        List<HasMetadata> on = HelmChart.renderObjects("metrics");
        NetworkPolicy policy = Manifests.single(on, NetworkPolicy.class);
        assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
        List<NetworkPolicyIngressRule> ingress = policy.getSpec().getIngress();
        assertEquals(1, ingress.size(), "one rule: the scrape");
        assertEquals(List.of(new NetworkPolicyPort(null, new IntOrString(9464), "TCP")), ingress.getFirst().getPorts());
        NetworkPolicyPeer prometheus = new NetworkPolicyPeer(null,
                new LabelSelector(List.of(), Map.of("kubernetes.io/metadata.name", "monitoring")),
                new LabelSelector(List.of(), Map.of("app.kubernetes.io/name", "prometheus")));
        assertEquals(List.of(prometheus), ingress.getFirst().getFrom(),
                "from Prometheus in the monitoring namespace, as the defaults name it: never from anywhere");
        assertEquals(Manifests.single(HelmChart.renderObjects("defaults"), NetworkPolicy.class).getSpec().getEgress(),
                policy.getSpec().getEgress());
    }

    @Test
    void thePeersThatMayScrapeComeFromTheValuesAndNoneMeansNoScrape(@TempDir Path dir) throws IOException {
        Path own = dir.resolve("own.yaml");
        Files.writeString(own, """
                metrics:
                  enabled: true
                  port: 9100
                  networkPolicy:
                    from:
                      - podSelector:
                          matchLabels:
                            app: vmagent
                """);
        NetworkPolicyIngressRule rule = Manifests.single(Manifests.parse(HelmChart.template().withValuesFile(own)
                .call()), NetworkPolicy.class).getSpec().getIngress().getFirst();
        assertEquals(List.of(new NetworkPolicyPeer(null, null, new LabelSelector(List.of(), Map.of("app", "vmagent")))),
                rule.getFrom(), "a podSelector alone: pods of the release's own namespace");
        assertEquals(new IntOrString(9100), rule.getPorts().getFirst().getPort());

        Path none = dir.resolve("none.yaml");
        Files.writeString(none, "metrics:\n  enabled: true\n  networkPolicy:\n    from: []\n");
        List<HasMetadata> objects = Manifests.parse(HelmChart.template().withValuesFile(none).call());
        assertEquals(List.of(), Manifests.single(objects, NetworkPolicy.class).getSpec().getIngress(),
                "an empty list lets nothing in (an ingress rule without from would let everything in)");
    }

    @Test
    void theServiceMonitorScrapesTheMetricsServiceOfThisReleaseOnly() {
        List<HasMetadata> objects = HelmChart.renderObjects("metrics");
        GenericKubernetesResource monitor = (GenericKubernetesResource) serviceMonitors(objects).getFirst();
        assertEquals(1, serviceMonitors(objects).size());
        assertEquals("monitoring.coreos.com/v1", monitor.getApiVersion());
        assertEquals("kube-prometheus-stack", monitor.getMetadata().getLabels().get("release"));
        Service service = Manifests.single(objects, Service.class);
        Map<String, String> selected = monitor.get("spec", "selector", "matchLabels");
        assertTrue(service.getMetadata().getLabels().entrySet().containsAll(selected.entrySet()),
                "selects the metrics Service: " + selected);
        assertEquals(List.of(HelmChart.NAMESPACE), monitor.get("spec", "namespaceSelector", "matchNames"));
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertEquals(List.of(Map.of("port", "metrics", "path", "/metrics", "interval", "15s", "scrapeTimeout", "10s")),
                endpoints);
    }

    @Test
    void noServiceMonitorOrDashboardUnlessAsked() {
        List<HasMetadata> objects = Manifests.parse(HelmChart.template().set("metrics.enabled", true).call());
        assertEquals(List.of(), serviceMonitors(objects));
        assertEquals(1, Manifests.ofKind(objects, ConfigMap.class).size());
        assertEquals(1, Manifests.ofKind(objects, Service.class).size());
    }

    @Test
    void theDashboardConfigMapCarriesTheSidecarLabelAndTheDashboard() throws IOException {
        ConfigMap dashboard = Manifests.named(HelmChart.renderObjects("metrics"), ConfigMap.class,
                "weather-agent-dashboard").orElseThrow();
        assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"));
        assertEquals("Bots", dashboard.getMetadata().getAnnotations().get("grafana_folder"));
        JsonMapper json = JsonMapper.builder().build();
        assertEquals(json.readTree(Files.readString(DASHBOARD)), json.readTree(dashboard.getData()
                .get("weather-agent.json")));
    }

    /** Each panel's queries name meters the app has: every weather_agent_ meter is in the docs' meter table. */
    @Test
    void theDashboardQueriesMetersTheAppDocuments() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
        String operations = Files.readString(Path.of("docs/operations.md"));
        Set<String> titles = new TreeSet<>();
        Set<String> undocumented = new TreeSet<>();
        Pattern meter = Pattern.compile("\\b(weather_agent_[a-z_]+?)(_total|_bucket|_sum|_count)?\\b");
        for (JsonNode panel : dashboard.get("panels")) {
            titles.add(panel.get("title").asString());
            for (JsonNode target : panel.get("targets")) {
                Matcher m = meter.matcher(target.get("expr").asString());
                while (m.find()) {
                    if (!operations.contains("`" + m.group(1))) {
                        undocumented.add(m.group(1));
                    }
                }
            }
        }
        assertEquals(Set.of(), undocumented, "queried by the dashboard but not in docs/operations.md");
        assertEquals(Set.of("Updates per second", "Handling latency", "Errors per second", "Open-Meteo budget",
                "LLM tokens", "Leader and deliveries", "JVM heap and GC"), titles);
    }

    @Test
    void theMetricsPortCannotBeTheHealthPort() {
        Exception e = assertThrows(Exception.class, () -> HelmChart.template().set("metrics.enabled", true)
                .set("metrics.port", 8081).call());
        assertTrue(e.getMessage().contains("metrics.port must differ from config.healthPort (8081)"), e.getMessage());
    }

    @Test
    void theSchemaRejectsMisspeltOrEmptyMetricsValues() {
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("metrics.prot", 9464, "metrics.port", 0,
                "metrics.serviceMonitor.interval", "often", "metrics.networkPolicy.from[0].namespace", "monitoring")
                .entrySet()) {
            Exception e = assertThrows(Exception.class, () -> HelmChart.template().set("metrics.enabled", true)
                    .set(bad.getKey(), bad.getValue()).call(), bad.getKey());
            assertTrue(e.getMessage().contains("values don't meet the specifications of the schema"),
                    bad.getKey() + ": " + e.getMessage());
        }
    }

    /** A client-only dry-run install renders NOTES.txt as a real install does (helm template skips it). */
    @Test
    void notesNameTheMetricsServiceOnlyWhenMetricsAreOn() {
        String on = new Helm(HelmChart.CHART).install().withName("bot").withNamespace("bots")
                .withKubeVersion(HelmChart.KUBE_VERSION).clientOnly().dryRun()
                .set("metrics.enabled", true).call().getOutput();
        assertTrue(on.contains("port-forward service/bot-weather-agent-metrics 9464"), on);
        assertTrue(on.contains("no ServiceMonitor: point your scrape config at it"), on);
        assertFalse(on.contains("exposes no Service"), on);

        String off = new Helm(HelmChart.CHART).install().withName("bot").withNamespace("bots")
                .withKubeVersion(HelmChart.KUBE_VERSION).clientOnly().dryRun().call().getOutput();
        assertTrue(off.contains("exposes no Service: there is nothing to port-forward"), off);
        assertFalse(off.contains("bot-weather-agent-metrics"), off);
    }
}
