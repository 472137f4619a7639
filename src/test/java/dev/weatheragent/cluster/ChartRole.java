package dev.weatheragent.cluster;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of the Role that charts/weather-agent renders for leader election (real Helm, in-process), and whether
 * an API request is one of them: the app must need no verb the chart does not grant.
 */
final class ChartRole {

    private static final Pattern PATH = Pattern.compile(
            "/(?:api|apis/(?<group>[^/]+))/v[^/]+/namespaces/[^/]+/(?<resource>[^/?]+)(?:/(?<name>[^/?]+))?(?:\\?.*)?");
    private static List<PolicyRule> rules;

    private ChartRole() {
    }

    /** The chart's Role with leader election on, for release "weather-agent" (so the Lease is "weather-agent"). */
    static synchronized List<PolicyRule> rules() {
        if (rules == null) {
            String rendered = new Helm(Path.of("charts/weather-agent")).template()
                    .withName("weather-agent").withNamespace(ClusterHarness.NAMESPACE).withKubeVersion("1.30.0")
                    .set("leaderElection.enabled", true)
                    .call();
            KubernetesSerialization serialization = new KubernetesSerialization();
            List<PolicyRule> found = new ArrayList<>();
            for (String document : rendered.split("(?m)^---\\s*$")) {
                if (document.contains("\nkind: Role\n")) {
                    found.addAll(serialization.unmarshal(document, Role.class).getRules());
                }
            }
            if (found.isEmpty()) {
                throw new AssertionError("the chart renders no Role with leaderElection.enabled=true");
            }
            rules = List.copyOf(found);
        }
        return rules;
    }

    /** Why the chart's Role does not allow this request, or null when it does. */
    static String refusal(String method, String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return "not a namespaced resource: " + method + " " + path;
        }
        String group = m.group("group") == null ? "" : m.group("group");
        String resource = m.group("resource");
        String name = m.group("name");
        String verb = switch (method) {
            case "GET" -> name != null ? "get" : path.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name != null ? "delete" : "deletecollection";
            default -> method.toLowerCase();
        };
        for (PolicyRule rule : rules()) {
            if (rule.getApiGroups().contains(group) && rule.getResources().contains(resource)
                    && rule.getVerbs().contains(verb)
                    && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                    || rule.getResourceNames().contains(name))) {
                return null;
            }
        }
        return "the chart's Role does not grant " + verb + " on " + (group.isEmpty() ? "" : group + "/") + resource
                + (name == null ? "" : " " + name) + " (" + method + " " + path + ")";
    }
}
