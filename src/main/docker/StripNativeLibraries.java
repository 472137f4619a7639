import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Takes the native libraries out of a jar and says so in the jars' CycloneDX SBOM. sqlite-jdbc carries its library
 * for 24 platforms (11 of its 12 MB); the image loads the one of its own platform from {@code /app/native}, so the
 * jar it ships keeps only the classes. The SBOM must still describe the jar shipped: its component gets the hashes
 * of the changed jar, and a pedigree whose ancestor is the component as published (with the hashes of the jar on
 * Maven Central) and whose note says what was removed. Run by the Dockerfile as a single-file program, with Jackson
 * from {@code target/libs} on the class path; tested by {@code StripNativeLibrariesTest}.
 *
 * <pre>java -cp 'target/libs/*' StripNativeLibraries.java JAR PREFIX SBOM</pre>
 *
 * Every entry whose name starts with PREFIX goes; JAR and SBOM are replaced only when both changes can be made.
 */
public final class StripNativeLibraries {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StripNativeLibraries() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3 || args[1].isEmpty()) {
            System.err.println("usage: StripNativeLibraries JAR PREFIX SBOM");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        String prefix = args[1];
        Path sbomFile = Path.of(args[2]);
        JsonNode sbom = MAPPER.readTree(sbomFile.toFile());
        ObjectNode component = componentOf(sbom, jar.getFileName().toString());
        if (component == null) {
            fail("the SBOM lists no component for " + jar.getFileName() + ": nothing changed");
        }
        Path stripped = Files.createTempFile(jar.toAbsolutePath().getParent(), "stripped", ".jar");
        int removed = copyWithout(jar, prefix, stripped);
        if (removed == 0) {
            Files.delete(stripped);
            fail(jar.getFileName() + " has no entry under " + prefix + ": nothing changed");
        }
        ObjectNode published = component.deepCopy();
        published.remove("bom-ref");
        published.remove("pedigree");
        ArrayNode hashes = MAPPER.createArrayNode();
        for (JsonNode hash : component.path("hashes")) {
            String digest = digest(stripped, hash.path("alg").asText());
            if (digest != null) {
                hashes.addObject().put("alg", hash.path("alg").asText()).put("content", digest);
            }
        }
        component.set("hashes", hashes);
        ObjectNode pedigree = component.putObject("pedigree");
        pedigree.putArray("ancestors").add(published);
        pedigree.put("notes", "the published jar without its " + removed + " entries under " + prefix
                + " (native libraries for each platform); the image loads its own platform's from /app/native");
        Path sbomOut = Files.createTempFile(sbomFile.toAbsolutePath().getParent(), "sbom", ".json");
        Files.writeString(sbomOut, MAPPER.writeValueAsString(sbom) + "\n");
        // Temporary files are the owner's only; the app's user reads both files in the image.
        Files.setPosixFilePermissions(stripped, Files.getPosixFilePermissions(jar));
        Files.setPosixFilePermissions(sbomOut, Files.getPosixFilePermissions(sbomFile));
        Files.move(stripped, jar, StandardCopyOption.REPLACE_EXISTING);
        Files.move(sbomOut, sbomFile, StandardCopyOption.REPLACE_EXISTING);
        System.out.println(jar.getFileName() + ": " + removed + " entries under " + prefix + " removed");
    }

    /** The component whose name and version (and classifier, in its purl) make up the jar's file name. */
    private static ObjectNode componentOf(JsonNode sbom, String jarName) {
        for (JsonNode c : sbom.path("components")) {
            String purl = c.path("purl").asText();
            int classifierAt = purl.indexOf("classifier=");
            String classifier = classifierAt < 0 ? "" : "-" + purl.substring(classifierAt + 11).split("&")[0];
            if (jarName.equals(c.path("name").asText() + "-" + c.path("version").asText() + classifier + ".jar")) {
                return (ObjectNode) c;
            }
        }
        return null;
    }

    /** Copies every entry but those under the prefix, in the same order and with the same times; the count left out. */
    private static int copyWithout(Path jar, String prefix, Path out) throws IOException {
        int removed = 0;
        try (ZipFile in = new ZipFile(jar.toFile());
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith(prefix)) {
                    removed += entry.isDirectory() ? 0 : 1;
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                zip.putNextEntry(copy);
                try (InputStream content = in.getInputStream(entry)) {
                    content.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return removed;
    }

    /** The file's digest in hex for a CycloneDX hash algorithm the JDK has (MD5, SHA-1, SHA-256, SHA3-512, …). */
    private static String digest(Path file, String alg) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return null;
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }
}
