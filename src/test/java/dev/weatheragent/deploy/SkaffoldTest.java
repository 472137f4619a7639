package dev.weatheragent.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * skaffold.yaml is valid for its apiVersion and wired to the chart. Skaffold itself cannot run here
 * (no cluster, no Docker), so its published JSON schema stands in for its config loader.
 */
class SkaffoldTest {

    private static final Path SKAFFOLD = Path.of("skaffold.yaml");
    /** Apache-2.0, from the Skaffold project; see NOTICE.skaffold.txt beside it. */
    private static final String SCHEMA = "/deploy/skaffold-v4beta13.schema.json";

    private static Schema schema;
    private static JsonNode config;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SkaffoldTest.class.getResourceAsStream(SCHEMA)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
        config = Manifests.STRICT.readTree(Files.readString(SKAFFOLD));
    }

    @Test
    void validatesAgainstTheSkaffoldSchema() throws IOException {
        assertEquals("skaffold/v4beta13", config.path("apiVersion").asString());
        List<Error> errors = schema.validate(Files.readString(SKAFFOLD), InputFormat.YAML);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList());
    }

    /** The schema check must be able to fail: a misspelt field is reported. */
    @Test
    void schemaRejectsAMisspeltField() throws IOException {
        String broken = Files.readString(SKAFFOLD).replace("chartPath:", "chartpath:");
        assertFalse(schema.validate(broken, InputFormat.YAML).isEmpty());
    }

    @Test
    void buildsTheImageFromTheDockerfileWithoutPushing() {
        JsonNode artifact = config.path("build").path("artifacts").get(0);
        assertEquals("weather-agent", artifact.path("image").asString());
        assertEquals("Dockerfile", artifact.path("docker").path("dockerfile").asString());
        assertFalse(config.path("build").path("local").path("push").asBoolean(true));
        for (JsonNode profile : config.path("profiles")) {
            assertFalse(profile.path("build").path("local").path("push").asBoolean(true), profile.path("name").asString());
        }
    }

    @Test
    void helmReleaseDeploysTheChartWithTheBuiltImage() {
        JsonNode release = config.path("deploy").path("helm").path("releases").get(0);
        assertEquals(HelmChart.CHART, Path.of(release.path("chartPath").asString()));
        assertTrue(Files.isRegularFile(HelmChart.CHART.resolve("Chart.yaml")));
        assertEquals(Map.of("image.registry", "", "image.repository", "{{.IMAGE_REPO_weather_agent}}",
                        "image.tag", "{{.IMAGE_TAG_weather_agent}}"),
                Manifests.STRICT.convertValue(release.path("setValueTemplates"), Map.class));
    }

    @Test
    void kindAndMinikubeProfilesActivateOnTheirContexts() {
        List<String> activations = new ArrayList<>();
        config.path("profiles").forEach(p -> activations.add(
                p.path("name").asString() + "=" + p.path("activation").get(0).path("kubeContext").asString()));
        assertEquals(List.of("kind=kind-.*", "minikube=minikube"), activations);
    }

    /** Every key skaffold sets (templates and profile patches) is a value the chart defines. */
    @Test
    void everyValueSkaffoldSetsExistsInValuesYaml() {
        JsonNode values = Manifests.STRICT.valueToTree(HelmChart.readYaml(HelmChart.CHART.resolve("values.yaml")));
        List<String> keys = new ArrayList<>();
        JsonNode release = config.path("deploy").path("helm").path("releases").get(0);
        keys.addAll(release.path("setValueTemplates").propertyNames());
        keys.addAll(release.path("setValues").propertyNames());
        for (JsonNode profile : config.path("profiles")) {
            for (JsonNode patch : profile.path("patches")) {
                keys.addAll(patch.path("value").propertyNames());
            }
        }
        assertTrue(keys.containsAll(List.of("image.registry", "image.repository", "image.tag", "image.pullPolicy")),
                keys::toString);
        for (String key : keys) {
            JsonNode node = values;
            for (String part : key.split("\\.")) {
                node = node.path(part);
            }
            assertFalse(node.isMissingNode(), key + " is set by skaffold.yaml but not defined in values.yaml");
        }
    }

    /** What skaffold would pass (a repository, an inputDigest tag, pullPolicy Never) renders and is accepted. */
    @Test
    void chartAcceptsWhatSkaffoldSets() {
        String tag = "3f2b9c1d0e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c";
        Deployment d = Manifests.single(Manifests.parse(HelmChart.template()
                .set("image.registry", "")
                .set("image.repository", "weather-agent")
                .set("image.tag", tag)
                .set("image.pullPolicy", "Never")
                .call()), Deployment.class);
        assertEquals("weather-agent:" + tag, ChartTest.container(d).getImage());
        assertEquals("Never", ChartTest.container(d).getImagePullPolicy());
    }
}
