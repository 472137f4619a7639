package dev.weatheragent.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Parses rendered multi-document YAML into fabric8 model objects, strictly.
 *
 * <p>fabric8 models collect unknown fields in an {@code @JsonAnySetter} map, so a misspelt field
 * (say {@code readOnlyRootFileSystem}) would parse silently and be ignored by the API server's
 * client-side apply too. Turning the any-setter off makes Jackson fail on it instead.
 */
final class Manifests {

    /** The kinds the chart and k8s/ may produce; anything else is a mistake. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("Deployment", Deployment.class),
            Map.entry("ServiceAccount", ServiceAccount.class),
            Map.entry("ConfigMap", ConfigMap.class),
            Map.entry("Secret", Secret.class),
            Map.entry("Role", Role.class),
            Map.entry("RoleBinding", RoleBinding.class),
            Map.entry("NetworkPolicy", NetworkPolicy.class),
            Map.entry("Namespace", Namespace.class),
            Map.entry("PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("Service", Service.class));
    /**
     * The Prometheus Operator's kinds: no fabric8 model of them is at hand, so they are read generically (an any-setter
     * map) and their tests check fields by path.
     */
    private static final Map<String, String> CUSTOM_KINDS = Map.of("ServiceMonitor", "monitoring.coreos.com/v1");
    private static final YAMLMapper GENERIC = YAMLMapper.builder().build();

    static final YAMLMapper STRICT = YAMLMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Sorted output makes drift-check failure messages comparable line by line.
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private Manifests() {
    }

    /** Every non-empty document of {@code yaml}, each as the fabric8 class of its kind. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = STRICT.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
                    continue; // Helm leaves empty documents for templates that rendered nothing
                }
                String kind = doc.path("kind").asString("");
                if (doc.path("apiVersion").asString("").equals(CUSTOM_KINDS.get(kind))) {
                    objects.add(GENERIC.treeToValue(doc, GenericKubernetesResource.class));
                    continue;
                }
                Class<? extends HasMetadata> type = KINDS.get(kind);
                if (type == null) {
                    throw new IllegalArgumentException("unexpected kind '" + kind + "' in:\n" + doc);
                }
                objects.add(STRICT.treeToValue(doc, type));
            }
        }
        return objects;
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T single(List<HasMetadata> objects, Class<T> type) {
        List<T> found = ofKind(objects, type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.getFirst();
    }

    static <T extends HasMetadata> Optional<T> named(List<HasMetadata> objects, Class<T> type, String name) {
        return ofKind(objects, type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    /**
     * The Deployment with the data of the ConfigMap its container loads with envFrom: what the policy
     * check needs to see the effective settings (SHUTDOWN_GRACE_SECONDS, LEADER_ELECTION, DATABASE_URL).
     */
    static PodPolicy.Workload workload(List<HasMetadata> objects) {
        Deployment deployment = single(objects, Deployment.class);
        // The first ConfigMap of envFrom is the chart's (or k8s/'s) own; extraEnvFrom may name others, made elsewhere.
        Map<String, String> config = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> c.getEnvFrom().stream())
                .filter(e -> e.getConfigMapRef() != null)
                .findFirst()
                .map(e -> named(objects, ConfigMap.class, e.getConfigMapRef().getName())
                        .orElseThrow(() -> new AssertionError("envFrom ConfigMap not rendered: "
                                + e.getConfigMapRef().getName())))
                .map(ConfigMap::getData)
                .orElse(Map.of());
        return new PodPolicy.Workload(deployment, config);
    }
}
