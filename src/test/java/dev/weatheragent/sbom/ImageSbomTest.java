package dev.weatheragent.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/**
 * The image SBOM generator the Dockerfile runs (src/main/docker/ImageSbom.java, a single-file program), run the same
 * way here on files shaped like the runtime stage's: a dpkg status, os-release, the jlinked runtime's release file
 * and the JDK's. Its output must be valid CycloneDX and list exactly the installed packages.
 */
class ImageSbomTest {

    private static final Path FIXTURES = Path.of("src/test/resources/sbom/image");

    @TempDir
    static Path work;
    private static JsonNode bom;
    private static String json;

    @BeforeAll
    static void generate() throws Exception {
        Path out = work.resolve("sbom-image.cdx.json");
        Process run = run(FIXTURES.resolve("dpkg-status"), out);
        assertThat(new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8), run.exitValue(), is(0));
        json = Files.readString(out);
        bom = new ObjectMapper().readTree(json);
    }

    @Test
    void isAValidCycloneDxDocument() {
        assertThat(new CycloneDxSchema().problems(json), is(empty()));
    }

    @Test
    void describesTheImageOfTheApplication() {
        JsonNode image = bom.path("metadata").path("component");
        assertThat(image.path("type").asText(), is("container"));
        assertThat(image.path("name").asText(), is("weather-agent"));
        assertThat(image.path("version").asText(), is("0.1.0"));
    }

    @Test
    void listsTheInstalledDebianPackagesWithPurlsScannersRead() {
        Map<String, String> purls = new TreeMap<>();
        for (JsonNode c : bom.path("components")) {
            if (c.path("purl").asText().startsWith("pkg:deb/")) {
                purls.put(c.path("name").asText(), c.path("purl").asText());
            }
        }
        // gcc-12-base is only "deinstall ok config-files": not in the image's software.
        assertThat(purls, equalTo(Map.of(
                "fonts-dejavu-core", "pkg:deb/debian/fonts-dejavu-core@2.37-6?arch=all&distro=debian-12"
                        + "&upstream=fonts-dejavu",
                "libc6", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12&upstream=glibc",
                "libgcrypt20", "pkg:deb/debian/libgcrypt20@1.10.1-3?arch=amd64&distro=debian-12&epoch=1",
                "perl-base", "pkg:deb/debian/perl-base@5.36.0-7%2Bdeb12u1?arch=amd64&distro=debian-12"
                        + "&upstream=perl")));
    }

    @Test
    void namesTheOperatingSystemAndTheJlinkedJavaRuntime() {
        List<String> others = new ArrayList<>();
        for (JsonNode c : bom.path("components")) {
            if (!c.has("purl")) {
                others.add(c.path("type").asText() + " " + c.path("name").asText() + " " + c.path("version").asText());
            }
        }
        assertThat(others, equalTo(List.of("operating-system debian 12", "platform java-runtime 21.0.9+10-LTS")));
        JsonNode java = bom.path("components").get(1);
        assertThat(java.path("description").asText(), is("jlink of Eclipse Adoptium Temurin-21.0.9+10 at /opt/java"));
        assertThat(java.path("properties").get(0).path("value").asText(),
                is("java.base java.logging java.net.http"));
    }

    @Test
    void refusesFilesThatAreNotAnImages() throws Exception {
        Path empty = Files.writeString(work.resolve("empty-status"), "");
        Process run = run(empty, work.resolve("never.json"));
        assertThat(run.exitValue(), is(1));
        assertThat(new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                containsString("no installed packages"));
        assertThat(Files.exists(work.resolve("never.json")), is(false));
    }

    private static Process run(Path dpkgStatus, Path out) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "src/main/docker/ImageSbom.java", dpkgStatus.toString(), FIXTURES.resolve("os-release").toString(),
                FIXTURES.resolve("jre-release").toString(), FIXTURES.resolve("jdk-release").toString(),
                FIXTURES.resolve("app-sbom.cdx.json").toString(), out.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS), is(true));
        return process;
    }
}
