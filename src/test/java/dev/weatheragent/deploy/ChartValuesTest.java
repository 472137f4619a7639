package dev.weatheragent.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** values.schema.json and the template guards reject bad values with Helm's error naming the value. */
class ChartValuesTest {

    private static final String SCHEMA_ERROR = "values don't meet the specifications of the schema";

    /** A bad --set, and fragments Helm's error must contain. */
    static Stream<Arguments> badValues() {
        return Stream.of(
                arguments("two replicas without leader election", Map.of("replicaCount", 2),
                        List.of(SCHEMA_ERROR, "/leaderElection/enabled", "value must be true")),
                arguments("unknown top-level key", Map.of("replicas", 1),
                        List.of(SCHEMA_ERROR, "additional properties 'replicas' not allowed")),
                arguments("unknown nested key", Map.of("secret.token", "x"),
                        List.of(SCHEMA_ERROR, "at '/secret'", "additional properties 'token' not allowed")),
                arguments("replicaCount of the wrong type", Map.of("replicaCount", "two"),
                        List.of(SCHEMA_ERROR, "/replicaCount", "got string, want integer")),
                arguments("negative replicaCount", Map.of("replicaCount", -1),
                        List.of(SCHEMA_ERROR, "/replicaCount", "minimum")),
                arguments("negative health port", Map.of("config.healthPort", -1),
                        List.of(SCHEMA_ERROR, "/config/healthPort", "minimum: got -1, want 1,024")),
                arguments("health port out of range", Map.of("config.healthPort", 70000),
                        List.of(SCHEMA_ERROR, "/config/healthPort", "maximum: got 70,000, want 65,535")),
                arguments("unknown log format", Map.of("config.logFormat", "xml"),
                        List.of(SCHEMA_ERROR, "/config/logFormat")),
                arguments("literal bot token in extraEnv",
                        Map.of("extraEnv[0].name", "TELEGRAM_BOT_TOKEN", "extraEnv[0].value", "123:abc"),
                        List.of(SCHEMA_ERROR, "/extraEnv/0/value", "false schema", "missing property 'valueFrom'")),
                arguments("literal OpenAI key in extraEnv",
                        Map.of("extraEnv[0].name", "OPENAI_API_KEY", "extraEnv[0].value", "sk-abc"),
                        List.of(SCHEMA_ERROR, "/extraEnv/0/value")),
                arguments("created Secret without a token", Map.of("secret.create", true),
                        List.of(SCHEMA_ERROR, "/secret/telegramBotToken")),
                arguments("created Secret with a malformed token",
                        Map.of("secret.create", true, "secret.telegramBotToken", "not-a-token"),
                        List.of(SCHEMA_ERROR, "/secret/telegramBotToken", "does not match pattern")),
                arguments("probe timeout not above the script's own 3 s", Map.of("probes.liveness.timeoutSeconds", 3),
                        List.of(SCHEMA_ERROR, "/probes/liveness/timeoutSeconds", "minimum: got 3, want 4")),
                arguments("poll timeout above what the app accepts", Map.of("config.pollTimeoutSeconds", 60),
                        List.of(SCHEMA_ERROR, "/config/pollTimeoutSeconds", "maximum: got 60, want 50")),
                arguments("model timeout of no time", Map.of("config.openaiTimeoutSeconds", 0),
                        List.of(SCHEMA_ERROR, "/config/openaiTimeoutSeconds")),
                arguments("model timeout as a duration string", Map.of("config.openaiTimeoutSeconds", "30s"),
                        List.of(SCHEMA_ERROR, "/config/openaiTimeoutSeconds")),
                arguments("negative token budget", Map.of("config.llmDailyTokenBudget", -1),
                        List.of(SCHEMA_ERROR, "/config/llmDailyTokenBudget")),
                arguments("agent questions per hour above what the app accepts",
                        Map.of("config.llmRequestsPerChatPerHour", 5000),
                        List.of(SCHEMA_ERROR, "/config/llmRequestsPerChatPerHour")),
                arguments("URL with a query", Map.of("config.telegramApiBaseUrl", "https://api.telegram.org/?x=1"),
                        List.of(SCHEMA_ERROR, "/config/telegramApiBaseUrl")),
                arguments("memory limit removed", Map.of("resources.limits.memory", "null"),
                        List.of(SCHEMA_ERROR, "/resources/limits", "missing property 'memory'")),
                arguments("bad image digest", Map.of("image.digest", "latest"),
                        List.of(SCHEMA_ERROR, "/image/digest")),
                arguments("misspelt container security field",
                        Map.of("containerSecurityContext.readOnlyRootFileSystem", true),
                        List.of(SCHEMA_ERROR, "at '/containerSecurityContext'",
                                "additional properties 'readOnlyRootFileSystem' not allowed")),
                arguments("negative user id", Map.of("podSecurityContext.runAsUser", -1),
                        List.of(SCHEMA_ERROR, "/podSecurityContext/runAsUser", "minimum: got -1, want 0")),
                arguments("unknown seccomp profile", Map.of("podSecurityContext.seccompProfile.type", "Default"),
                        List.of(SCHEMA_ERROR, "/podSecurityContext/seccompProfile/type")),
                arguments("registry with a scheme", Map.of("image.registry", "https://registry.example.com"),
                        List.of(SCHEMA_ERROR, "/image/registry", "does not match pattern")),
                arguments("global registry with a trailing slash", Map.of("global.imageRegistry", "mirror.example.com/"),
                        List.of(SCHEMA_ERROR, "/global/imageRegistry", "does not match pattern")),
                arguments("global pull secret neither a name nor {name: ...}", Map.of("global.imagePullSecrets[0]", 5),
                        List.of(SCHEMA_ERROR, "/global/imagePullSecrets/0")),
                arguments("global pull secret with another key", Map.of("global.imagePullSecrets[0].secret", "regcred"),
                        List.of(SCHEMA_ERROR, "/global/imagePullSecrets/0")),
                arguments("two replicas on one SQLite file", Map.of("replicaCount", 2, "leaderElection.enabled", true),
                        List.of(SCHEMA_ERROR, "externalDatabase.url: replicaCount > 1 needs PostgreSQL, because the"
                                + " SQLite file on a ReadWriteOnce volume cannot be shared between pods")),
                arguments("database password without a database", Map.of("externalDatabase.password", "pw"),
                        List.of(SCHEMA_ERROR, "at '/externalDatabase'", "but no externalDatabase.url to use it with")),
                arguments("database Secret without a database", Map.of("externalDatabase.existingSecret", "pg"),
                        List.of(SCHEMA_ERROR, "but no externalDatabase.url to use it with")),
                arguments("database password both plain and from a Secret", Map.of(
                                "externalDatabase.url", "jdbc:postgresql://db:5432/weather",
                                "externalDatabase.password", "pw", "externalDatabase.existingSecret", "pg"),
                        List.of(SCHEMA_ERROR, "existingSecret or password, not both")),
                arguments("password in the database URL", Map.of("externalDatabase.url", "postgres://bot:pw@db:5432/weather"),
                        List.of(SCHEMA_ERROR, "/externalDatabase/url", "does not match pattern")),
                arguments("password as a database URL parameter",
                        Map.of("externalDatabase.url", "jdbc:postgresql://db:5432/weather?user=bot&password=pw"),
                        List.of(SCHEMA_ERROR, "/externalDatabase/url")),
                arguments("database URL of another kind", Map.of("externalDatabase.url", "mysql://db:3306/weather"),
                        List.of(SCHEMA_ERROR, "/externalDatabase/url", "does not match pattern")),
                arguments("literal database password in extraEnv",
                        Map.of("extraEnv[0].name", "DATABASE_PASSWORD", "extraEnv[0].value", "pw"),
                        List.of(SCHEMA_ERROR, "/extraEnv/0/value")),
                arguments("read-only data volume", Map.of("persistence.accessModes[0]", "ReadOnlyMany"),
                        List.of(SCHEMA_ERROR, "/persistence/accessModes/0")),
                arguments("data volume over /tmp", Map.of("persistence.mountPath", "/tmp"),
                        List.of(SCHEMA_ERROR, "/persistence/mountPath")),
                arguments("relative data mount path", Map.of("persistence.mountPath", "data"),
                        List.of(SCHEMA_ERROR, "/persistence/mountPath", "does not match pattern")),
                arguments("malformed storage class", Map.of("persistence.storageClass", "Fast SSD"),
                        List.of(SCHEMA_ERROR, "/persistence/storageClass")),
                arguments("malformed claim size", Map.of("persistence.size", "1 GB"),
                        List.of(SCHEMA_ERROR, "/persistence/size")),
                arguments("unknown persistence key", Map.of("persistence.storageClassName", "fast"),
                        List.of(SCHEMA_ERROR, "additional properties 'storageClassName' not allowed")),
                arguments("grace period not above drain + 5 s", Map.of("terminationGracePeriodSeconds", 10),
                        List.of("terminationGracePeriodSeconds (10) must be greater than "
                                + "config.shutdownGraceSeconds + 5 (10)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badValuesAreRejected(String description, Map<String, Object> set, List<String> expected) {
        TemplateCommand template = HelmChart.template();
        set.forEach(template::set);
        Exception e = assertThrows(Exception.class, template::call, description);
        for (String fragment : expected) {
            assertTrue(e.getMessage().contains(fragment),
                    () -> "expected '" + fragment + "' in Helm's error:\n" + e.getMessage());
        }
    }

    @Test
    void globalKeysOfOtherChartsAreAccepted() {
        String rendered = HelmChart.template().set("global.compatibility.openshift.adaptSecurityContext", "auto")
                .set("global.postgresql.auth.database", "x")
                .call();
        assertTrue(rendered.contains("kind: Deployment"));
    }

    @Test
    void twoReplicasAreFineWithLeaderElectionAndPostgresql() {
        String rendered = HelmChart.template().set("replicaCount", 2).set("leaderElection.enabled", true)
                .set("externalDatabase.url", "jdbc:postgresql://db:5432/weather").call();
        assertTrue(rendered.contains("replicas: 2"));
    }

    @Test
    void lintAlsoRejectsBadValues(@TempDir Path workDir) throws IOException {
        Path values = Files.writeString(workDir.resolve("bad.yaml"), "replicaCount: 3\n");
        LintResult result = HelmChart.lint(values, Files.createDirectory(workDir.resolve("chart")));
        assertTrue(result.isFailed());
        String messages = String.join("\n", result.getMessages());
        assertTrue(messages.contains("/leaderElection/enabled"), messages);
        assertTrue(messages.contains("replicaCount > 1 needs PostgreSQL"), messages);
    }

    /**
     * Every value in values.yaml carries a Bitnami-style "## @param path description" comment, and
     * every such comment names a real value: the documentation cannot drift from the values.
     */
    @Test
    void everyValueIsDocumentedWithAtParam() throws IOException {
        String text = Files.readString(HelmChart.CHART.resolve("values.yaml"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s*## @param (\\S+) \\S").matcher(text);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> leaves = new TreeSet<>();
        collectLeaves("", HelmChart.readYaml(HelmChart.CHART.resolve("values.yaml")), leaves);
        assertEquals(leaves, documented);
    }

    /** Paths of values a user sets: scalars, lists and empty maps (maps with content are sections). */
    private static void collectLeaves(String prefix, Map<?, ?> map, Set<String> out) {
        map.forEach((k, v) -> {
            String path = prefix.isEmpty() ? k.toString() : prefix + "." + k;
            if (v instanceof Map<?, ?> child && !child.isEmpty()) {
                collectLeaves(path, child, out);
            } else {
                out.add(path);
            }
        });
    }

    /** A typo in a value must fail, not be ignored: every object the chart defines is closed. */
    @Test
    void schemaClosesEveryObjectItDefines() {
        JsonNode schema = new ObjectMapper().readTree(HelmChart.CHART.resolve("values.schema.json").toFile());
        List<String> open = new ArrayList<>();
        findOpenObjects("", schema, open);
        assertEquals(List.of(), open);
    }

    /**
     * Objects with listed properties must say additionalProperties. Objects without a property list
     * (affinity terms, valueFrom, extra egress rules) are Kubernetes' own types and stay open.
     */
    private static void findOpenObjects(String path, JsonNode node, List<String> out) {
        if (node.isObject()) {
            if ("object".equals(node.path("type").asString("")) && node.has("properties")
                    && !node.has("additionalProperties")) {
                out.add(path);
            }
            node.properties().forEach(e -> findOpenObjects(path + "/" + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findOpenObjects(path + "/" + i, node.get(i), out);
            }
        }
    }
}
