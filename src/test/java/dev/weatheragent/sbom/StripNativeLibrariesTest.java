package dev.weatheragent.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/**
 * The Dockerfile's src/main/docker/StripNativeLibraries.java, run as the build stage runs it, on a jar shaped like
 * sqlite-jdbc's and an SBOM shaped like the CycloneDX Maven plugin's: the natives go, everything else stays byte for
 * byte, and the SBOM describes the jar shipped while keeping the published one as its ancestor.
 */
class StripNativeLibrariesTest {

    private static final String JAR_NAME = "sqlite-jdbc-3.54.1.0.jar";
    private static final String PREFIX = "org/sqlite/native/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path work;
    private Path jar;
    private Path sbom;
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    @BeforeEach
    void publishedJarAndItsSbom() throws Exception {
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMulti-Release: true\r\n\r\n".getBytes(
                StandardCharsets.UTF_8));
        entries.put("org/sqlite/SQLiteJDBCLoader.class", new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1, 2, 3});
        entries.put(PREFIX + "Linux/x86_64/libsqlitejdbc.so", "\u007fELF x86_64".getBytes(StandardCharsets.UTF_8));
        entries.put(PREFIX + "Mac/aarch64/libsqlitejdbc.dylib", "mach-o".getBytes(StandardCharsets.UTF_8));
        entries.put("org/sqlite/util/OSInfo.class", new byte[] {(byte) 0xCA, (byte) 0xFE, 9, 9});
        jar = work.resolve(JAR_NAME);
        writeJar(jar, entries);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        String published = """
                {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
                 "metadata":{"component":{"type":"application","name":"weather-agent","version":"0.1.0"}},
                 "components":[
                  {"type":"library","bom-ref":"pkg:maven/org.xerial/sqlite-jdbc@3.54.1.0?type=jar",
                   "group":"org.xerial","name":"sqlite-jdbc","version":"3.54.1.0",
                   "hashes":[{"alg":"MD5","content":"%s"},{"alg":"SHA-256","content":"%s"},
                             {"alg":"SHA3-512","content":"%s"},{"alg":"BLAKE3","content":"%s"}],
                   "purl":"pkg:maven/org.xerial/sqlite-jdbc@3.54.1.0?type=jar"},
                  {"type":"library","bom-ref":"pkg:maven/org.slf4j/slf4j-api@2.0.17?type=jar",
                   "group":"org.slf4j","name":"slf4j-api","version":"2.0.17",
                   "purl":"pkg:maven/org.slf4j/slf4j-api@2.0.17?type=jar"}],
                 "dependencies":[{"ref":"pkg:maven/org.xerial/sqlite-jdbc@3.54.1.0?type=jar","dependsOn":[]}]}
                """.formatted(digest(jar, "MD5"), digest(jar, "SHA-256"), digest(jar, "SHA3-512"), "ab".repeat(32));
        sbom = Files.writeString(work.resolve("sbom.cdx.json"), published);
        Files.setPosixFilePermissions(sbom, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void takesOutTheNativeLibrariesAndKeepsEveryOtherEntryAsItWas() throws Exception {
        Process run = run(jar, sbom);
        String said = output(run);
        assertThat(said, run.exitValue(), is(0));
        assertThat(said, containsString("2 entries under org/sqlite/native/ removed"));
        Map<String, byte[]> kept = readJar(jar);
        assertThat(List.copyOf(kept.keySet()), equalTo(List.of("META-INF/MANIFEST.MF",
                "org/sqlite/SQLiteJDBCLoader.class", "org/sqlite/util/OSInfo.class")));
        for (Map.Entry<String, byte[]> entry : kept.entrySet()) {
            assertThat(entry.getKey(), entry.getValue(), equalTo(entries.get(entry.getKey())));
        }
        // The image's user reads the jar and the SBOM: they keep the published files' permissions.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jar)), is("rw-r--r--"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sbom)), is("rw-r--r--"));
    }

    @Test
    void theSbomGivesTheShippedJarsHashesAndThePublishedJarAsItsAncestor() throws Exception {
        JsonNode before = MAPPER.readTree(sbom.toFile()).path("components").get(0);
        Process run = run(jar, sbom);
        assertThat(output(run), run.exitValue(), is(0));
        String json = Files.readString(sbom);
        assertThat(new CycloneDxSchema().problems(json), is(empty()));
        JsonNode component = MAPPER.readTree(json).path("components").get(0);
        // The JDK has no BLAKE3: a hash that cannot be made again for the changed jar is left out, not kept wrong.
        assertThat(hashes(component), equalTo(Map.of("MD5", digest(jar, "MD5"), "SHA-256", digest(jar, "SHA-256"),
                "SHA3-512", digest(jar, "SHA3-512"))));
        assertThat(component.path("bom-ref").asText(), is(before.path("bom-ref").asText()));
        JsonNode ancestor = component.path("pedigree").path("ancestors").get(0);
        assertThat(hashes(ancestor), equalTo(hashes(before)));
        assertThat(ancestor.path("purl").asText(), is(before.path("purl").asText()));
        assertThat("bom-refs are unique in a BOM", ancestor.has("bom-ref"), is(false));
        assertThat(component.path("pedigree").path("notes").asText(),
                containsString("without its 2 entries under org/sqlite/native/"));
        JsonNode other = MAPPER.readTree(json).path("components").get(1);
        assertThat(other.has("pedigree"), is(false));
    }

    @Test
    void aJarTheSbomDoesNotListIsLeftAsItWas() throws Exception {
        Path unlisted = work.resolve("sqlite-jdbc-3.99.0.0.jar");
        Files.copy(jar, unlisted);
        byte[] jarBefore = Files.readAllBytes(unlisted);
        byte[] sbomBefore = Files.readAllBytes(sbom);
        Process run = run(unlisted, sbom);
        assertThat(run.exitValue(), is(1));
        assertThat(output(run), containsString("the SBOM lists no component for sqlite-jdbc-3.99.0.0.jar"));
        assertThat(Files.readAllBytes(unlisted), equalTo(jarBefore));
        assertThat(Files.readAllBytes(sbom), equalTo(sbomBefore));
    }

    @Test
    void aJarWithoutNativeLibrariesIsAMistakeNotANoOp() throws Exception {
        assertThat(run(jar, sbom).exitValue(), is(0));
        byte[] jarBefore = Files.readAllBytes(jar);
        byte[] sbomBefore = Files.readAllBytes(sbom);
        Process again = run(jar, sbom);
        assertThat(again.exitValue(), is(1));
        assertThat(output(again), containsString("has no entry under org/sqlite/native/: nothing changed"));
        assertThat(Files.readAllBytes(jar), equalTo(jarBefore));
        assertThat(Files.readAllBytes(sbom), equalTo(sbomBefore));
        try (var left = Files.list(work)) {
            assertThat("no temporary file is left", left.map(p -> p.getFileName().toString()).sorted().toList(),
                    equalTo(List.of("sbom.cdx.json", JAR_NAME)));
        }
    }

    private static Map<String, String> hashes(JsonNode component) {
        Map<String, String> hashes = new LinkedHashMap<>();
        component.path("hashes").forEach(h -> hashes.put(h.path("alg").asText(), h.path("content").asText()));
        return hashes;
    }

    private static void writeJar(Path file, Map<String, byte[]> content) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : content.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
    }

    private static Map<String, byte[]> readJar(Path file) throws IOException {
        Map<String, byte[]> content = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                try (InputStream in = zip.getInputStream(entry)) {
                    content.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return content;
    }

    private static String digest(Path file, String alg) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(Files.readAllBytes(file)));
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Process run(Path jarFile, Path sbomFile) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "src/main/docker/StripNativeLibraries.java", jarFile.toString(), PREFIX, sbomFile.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS), is(true));
        return process;
    }
}
