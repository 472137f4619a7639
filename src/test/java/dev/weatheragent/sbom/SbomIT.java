package dev.weatheragent.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SBOM the build writes (target/sbom.cdx.json, shipped as /app/sbom.cdx.json) is a valid CycloneDX document and
 * lists exactly the jars of target/libs (shipped as /app/libs), each with the jar's own SHA-256. An integration test
 * (failsafe, after package): both files exist only once the jar is built.
 */
class SbomIT {

    private static final Path SBOM = Path.of("target/sbom.cdx.json");
    private static final Path LIBS = Path.of("target/libs");

    private final ObjectMapper mapper = new ObjectMapper();

    /** Said plainly: the CycloneDX plugin skips itself when Maven runs offline, and the test would only see no file. */
    @BeforeAll
    static void theBuildWroteIt() {
        assertTrue(Files.isRegularFile(SBOM), SBOM + " is missing: cyclonedx-maven-plugin writes it at package time"
                + " and skips itself when Maven runs offline (-o): build without -o");
    }

    @Test
    void isAValidCycloneDxDocument() throws IOException {
        assertThat(new CycloneDxSchema().problems(Files.readString(SBOM)), is(empty()));
    }

    /** The schema check must be able to fail: a misspelt field and a wrong type are reported. */
    @Test
    void theSchemaRejectsAMisspeltFieldAndAWrongType() throws IOException {
        CycloneDxSchema schema = new CycloneDxSchema();
        String sbom = Files.readString(SBOM);
        assertThat(schema.problems(sbom.replaceFirst("\"components\"", "\"component\"")), is(not(empty())));
        assertThat(schema.problems(sbom.replaceFirst("\"version\" : 1,", "\"version\" : \"one\",")),
                is(not(empty())));
    }

    @Test
    void describesThisApplication() throws IOException {
        JsonNode component = mapper.readTree(SBOM.toFile()).path("metadata").path("component");
        assertThat(component.path("type").asText(), is("application"));
        assertThat(component.path("name").asText(), is("weather-agent"));
        assertThat(component.path("version").asText(), is(pomVersion()));
    }

    @Test
    void listsExactlyTheJarsOfTargetLibsWithTheirSha256() throws IOException {
        Map<String, String> listed = new TreeMap<>();
        for (JsonNode component : mapper.readTree(SBOM.toFile()).path("components")) {
            String sha256 = null;
            for (JsonNode hash : component.path("hashes")) {
                if (hash.path("alg").asText().equals("SHA-256")) {
                    sha256 = hash.path("content").asText();
                }
            }
            listed.put(jarName(component), sha256);
        }
        Map<String, String> shipped = new TreeMap<>();
        try (Stream<Path> jars = Files.list(LIBS)) {
            for (Path jar : jars.toList()) {
                shipped.put(jar.getFileName().toString(), sha256(jar));
            }
        }
        assertThat(shipped.isEmpty(), is(false));
        assertThat(listed.keySet(), equalTo(shipped.keySet()));
        assertThat(listed, equalTo(shipped));
    }

    /** The name copy-dependencies gives the jar: artifactId-version[-classifier].jar. */
    private static String jarName(JsonNode component) {
        String purl = component.path("purl").asText();
        String classifier = List.of(purl.substring(purl.indexOf('?') + 1).split("&")).stream()
                .filter(q -> q.startsWith("classifier=")).map(q -> "-" + q.substring("classifier=".length()))
                .findFirst().orElse("");
        return component.path("name").asText() + "-" + component.path("version").asText() + classifier + ".jar";
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pomVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>weather-agent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find(), is(true));
        return version.group(1);
    }
}
