import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the CycloneDX 1.6 SBOM of what the image holds besides the application's jars (those are in
 * {@code /app/sbom.cdx.json}): the Debian release, every installed Debian package of the runtime stage (from its
 * dpkg status file) and the jlinked Java runtime (version and modules from its {@code release} file, vendor from the
 * JDK it was made from). Run by the Dockerfile as a single-file program in the builder stage, with Jackson from
 * {@code target/libs} on the class path; tested by {@code ImageSbomTest}.
 *
 * <pre>java -cp 'target/libs/*' ImageSbom.java DPKG_STATUS OS_RELEASE JRE_RELEASE JDK_RELEASE APP_SBOM OUT</pre>
 */
public final class ImageSbom {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ImageSbom() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: ImageSbom DPKG_STATUS OS_RELEASE JRE_RELEASE JDK_RELEASE APP_SBOM OUT");
            System.exit(2);
        }
        Map<String, String> os = keyValues(Path.of(args[1]));
        Map<String, String> jre = keyValues(Path.of(args[2]));
        Map<String, String> jdk = keyValues(Path.of(args[3]));
        JsonNode app = MAPPER.readTree(Path.of(args[4]).toFile()).path("metadata").path("component");
        List<Map<String, String>> packages = installedPackages(Files.readString(Path.of(args[0])));
        if (packages.isEmpty() || !os.containsKey("ID") || !jre.containsKey("JAVA_VERSION")) {
            System.err.println("no installed packages, no ID in the os-release file or no JAVA_VERSION in the"
                    + " runtime's release file: not the files of an image");
            System.exit(1);
        }
        Files.writeString(Path.of(args[5]), MAPPER.writeValueAsString(bom(os, jre, jdk, app, packages)) + "\n");
    }

    private static ObjectNode bom(Map<String, String> os, Map<String, String> jre, Map<String, String> jdk,
                                  JsonNode app, List<Map<String, String>> packages) {
        ObjectNode bom = MAPPER.createObjectNode()
                .put("bomFormat", "CycloneDX")
                .put("specVersion", "1.6")
                .put("serialNumber", "urn:uuid:" + UUID.randomUUID())
                .put("version", 1);
        ObjectNode image = bom.putObject("metadata").putObject("component")
                .put("type", "container")
                .put("bom-ref", "image")
                .put("name", app.path("name").asText("weather-agent"))
                .put("version", app.path("version").asText("unknown"));
        image.put("description", "the container image; its Java libraries are listed in /app/sbom.cdx.json");
        String distro = os.get("ID") + "-" + os.getOrDefault("VERSION_ID", "unknown");
        ArrayNode components = bom.putArray("components");
        components.addObject()
                .put("type", "operating-system")
                .put("bom-ref", "os")
                .put("name", os.get("ID"))
                .put("version", os.getOrDefault("VERSION_ID", "unknown"))
                .put("description", os.getOrDefault("PRETTY_NAME", os.get("ID")));
        ObjectNode java = components.addObject()
                .put("type", "platform")
                .put("bom-ref", "java-runtime")
                .put("name", "java-runtime")
                .put("version", jdk.getOrDefault("JAVA_RUNTIME_VERSION", jre.get("JAVA_VERSION")))
                .put("description", "jlink of " + jdk.getOrDefault("IMPLEMENTOR", "a JDK") + " "
                        + jdk.getOrDefault("IMPLEMENTOR_VERSION", jre.get("JAVA_VERSION")) + " at /opt/java");
        java.putArray("properties").addObject()
                .put("name", "java:modules")
                .put("value", jre.getOrDefault("MODULES", ""));
        for (Map<String, String> p : packages) {
            components.addObject()
                    .put("type", "library")
                    .put("bom-ref", "deb:" + p.get("Package"))
                    .put("name", p.get("Package"))
                    .put("version", p.get("Version"))
                    .put("purl", debPurl(os.get("ID"), distro, p));
        }
        ArrayNode dependencies = bom.putArray("dependencies");
        ArrayNode imageParts = dependencies.addObject().put("ref", "image").putArray("dependsOn");
        imageParts.add("os").add("java-runtime");
        packages.forEach(p -> imageParts.add("deb:" + p.get("Package")));
        return bom;
    }

    /** The packages dpkg lists as installed, by name; paragraphs of "Field: value" lines, continuations indented. */
    private static List<Map<String, String>> installedPackages(String status) {
        List<Map<String, String>> packages = new ArrayList<>();
        for (String paragraph : status.split("\\n\\s*\\n")) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : paragraph.split("\\n")) {
                int colon = line.indexOf(':');
                if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
            if ("install ok installed".equals(fields.get("Status")) && fields.containsKey("Version")) {
                packages.add(fields);
            }
        }
        packages.sort(Comparator.comparing(p -> p.get("Package")));
        return packages;
    }

    /** {@code pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12&upstream=glibc}, as scanners read. */
    private static String debPurl(String vendor, String distro, Map<String, String> p) {
        String version = p.get("Version");
        String epoch = null;
        int colon = version.indexOf(':');
        if (colon > 0) {
            epoch = version.substring(0, colon);
            version = version.substring(colon + 1);
        }
        StringBuilder purl = new StringBuilder("pkg:deb/").append(vendor).append('/').append(p.get("Package"))
                .append('@').append(encode(version))
                .append("?arch=").append(p.getOrDefault("Architecture", "all"))
                .append("&distro=").append(distro);
        if (epoch != null) {
            purl.append("&epoch=").append(epoch);
        }
        String source = p.get("Source");
        if (source != null) {
            // "Source: glibc" or "Source: gcc-12 (12.2.0-14)"
            purl.append("&upstream=").append(encode(source.split(" ")[0]));
        }
        return purl.toString();
    }

    /** KEY=value lines, values optionally in double quotes (os-release, a Java runtime's release file). */
    private static Map<String, String> keyValues(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                String value = line.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(line.substring(0, eq).strip(), value);
            }
        }
        return values;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
