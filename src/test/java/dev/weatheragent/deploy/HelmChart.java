package dev.weatheragent.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The chart under charts/weather-agent, driven through real Helm (helm-java runs Helm's Go code
 * in-process, so no helm binary is needed).
 */
final class HelmChart {

    static final Path CHART = Path.of("charts/weather-agent");
    static final Path VALUE_SETS = Path.of("src/test/resources/deploy/values");
    /** Release and namespace as in the README's helm install, so names match k8s/. */
    static final String RELEASE = "weather-agent";
    static final String NAMESPACE = "weather-agent";
    /**
     * helm-java's Helm is built without the Kubernetes version baked in and would claim v1.20,
     * which Chart.yaml's kubeVersion (>=1.25) rejects; say what a current cluster reports.
     */
    static final String KUBE_VERSION = "1.30.0";

    private static final YAMLMapper YAML = new YAMLMapper();

    private HelmChart() {
    }

    /** The value sets under src/test/resources/deploy/values, by file name without ".yaml". */
    static List<String> valueSets() {
        try (Stream<Path> files = Files.list(VALUE_SETS)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path valuesFile(String valueSet) {
        return VALUE_SETS.resolve(valueSet + ".yaml");
    }

    static TemplateCommand template() {
        return new Helm(CHART).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
    }

    static String render(String valueSet) {
        return template().withValuesFile(valuesFile(valueSet)).call();
    }

    static List<HasMetadata> renderObjects(String valueSet) {
        return Manifests.parse(render(valueSet));
    }

    /**
     * {@code helm lint --strict} with a values file. Helm's lint API here takes no values, so lint a
     * copy of the chart whose values.yaml has the value set merged in (as Helm merges: maps deep,
     * null deletes, everything else replaced).
     */
    static LintResult lint(Path valuesFile, Path workDir) {
        Path copy = copyChart(workDir);
        Map<String, Object> merged = merge(readYaml(CHART.resolve("values.yaml")), readYaml(valuesFile));
        YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
        return new Helm(copy).lint().strict().call();
    }

    static Path copyChart(Path workDir) {
        Path target = workDir.resolve(CHART.getFileName());
        DeployFiles.copyDir(CHART, target, Set.of());
        return target;
    }

    static Map<String, Object> readYaml(Path file) {
        Map<String, Object> map = YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        return map == null ? new LinkedHashMap<>() : map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> o && result.get(key) instanceof Map<?, ?> b) {
                result.put(key, merge((Map<String, Object>) b, (Map<String, Object>) o));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
