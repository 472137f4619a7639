import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Run by .ci/image-test.sh on the mounted image, with Jackson from the image's own /app/libs on the class path:
 * /app/sbom.cdx.json lists exactly the jars in /app/libs (names and SHA-256), and /app/sbom-image.cdx.json lists
 * exactly the Debian packages that /var/lib/dpkg/status.d names (one file per package whose files the image holds,
 * as in distroless images) and the version of /opt/java. Prints one summary line; exits 1
 * with the difference otherwise.
 */
public final class SbomCheck {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        ObjectMapper mapper = new ObjectMapper();

        TreeMap<String, String> listed = new TreeMap<>();
        Set<String> changed = new TreeSet<>();
        for (JsonNode c : mapper.readTree(root.resolve("app/sbom.cdx.json").toFile()).path("components")) {
            String purl = c.path("purl").asText();
            String classifier = purl.contains("classifier=")
                    ? "-" + purl.replaceFirst(".*classifier=([^&]+).*", "$1") : "";
            String sha256 = "";
            for (JsonNode h : c.path("hashes")) {
                if (h.path("alg").asText().equals("SHA-256")) {
                    sha256 = h.path("content").asText();
                }
            }
            listed.put(c.path("name").asText() + "-" + c.path("version").asText() + classifier + ".jar", sha256);
            // A jar changed for the image (sqlite-jdbc without its native libraries) names the published one.
            JsonNode ancestor = c.path("pedigree").path("ancestors").path(0);
            if (!ancestor.isMissingNode()) {
                if (!ancestor.path("purl").asText().equals(purl) || ancestor.path("hashes").equals(c.path("hashes"))) {
                    fail(c.path("name").asText() + ": its pedigree does not name the published jar");
                }
                changed.add(c.path("name").asText());
            }
        }
        TreeMap<String, String> shipped = new TreeMap<>();
        try (Stream<Path> jars = Files.list(root.resolve("app/libs"))) {
            for (Path jar : jars.toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar));
                shipped.put(jar.getFileName().toString(), HexFormat.of().formatHex(digest));
            }
        }
        if (!listed.equals(shipped)) {
            fail("/app/sbom.cdx.json and /app/libs differ: listed only " + minus(listed.keySet(), shipped.keySet())
                    + ", shipped only " + minus(shipped.keySet(), listed.keySet()) + " (or a SHA-256 differs)");
        }

        Set<String> installed = new TreeSet<>();
        try (Stream<Path> entries = Files.list(root.resolve("var/lib/dpkg/status.d"))) {
            for (Path entry : entries.toList()) {
                String paragraph = Files.readString(entry);
                if (paragraph.contains("\nStatus: install ok installed")) {
                    installed.add(paragraph.replaceFirst("(?s)^Package: (\\S+).*", "$1") + "@"
                            + paragraph.replaceFirst("(?s).*\\nVersion: (\\S+).*", "$1"));
                }
            }
        }
        if (installed.isEmpty()) {
            fail("/var/lib/dpkg/status.d names no installed package");
        }
        Set<String> debs = new TreeSet<>();
        String javaVersion = null;
        for (JsonNode c : mapper.readTree(root.resolve("app/sbom-image.cdx.json").toFile()).path("components")) {
            if (c.path("purl").asText().startsWith("pkg:deb/")) {
                debs.add(c.path("name").asText() + "@" + c.path("version").asText());
            } else if (c.path("name").asText().equals("java-runtime")) {
                javaVersion = c.path("version").asText();
            }
        }
        if (!debs.equals(installed)) {
            fail("/app/sbom-image.cdx.json and /var/lib/dpkg/status.d differ: listed only " + minus(debs, installed)
                    + ", installed only " + minus(installed, debs));
        }
        String release = Files.readString(root.resolve("opt/java/release"))
                .replaceFirst("(?s).*JAVA_VERSION=\"([^\"]+)\".*", "$1");
        if (javaVersion == null || !javaVersion.startsWith(release)) {
            fail("/app/sbom-image.cdx.json names Java " + javaVersion + ", /opt/java/release says " + release);
        }
        System.out.println("sbom: " + listed.size() + " jars (names and SHA-256 as in /app/libs; changed for the image,"
                + " with the published jar as ancestor: " + changed + "), " + debs.size()
                + " Debian packages (as /var/lib/dpkg/status.d lists them), Java " + javaVersion);
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
