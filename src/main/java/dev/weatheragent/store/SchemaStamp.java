package dev.weatheragent.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What lets a start-up leave Flyway unloaded when this build has already migrated the database and nothing changed
 * since: Flyway, with the Jackson it reads its configuration with, is about 1,160 classes, a sixth of all the bot
 * loads before its first {@code getUpdates}. After Flyway has validated and migrated, the build records a stamp in
 * its own table: a digest of its migration scripts (names and bytes) and a digest of {@code flyway_schema_history}
 * (every row's rank, version, script, checksum and success). At the next start the same two digests mean Flyway
 * would find these very scripts applied, all of them and nothing else: there is nothing for it to do. Anything
 * else (no stamp, other scripts, a history another build or {@code flyway repair} changed, scripts that cannot be
 * listed) runs Flyway as before, which migrates, validates, or refuses a newer schema. The table is not a migration,
 * so a build from before it still opens the database.
 */
final class SchemaStamp {

    static final String TABLE = "weather_agent_schema_stamp";

    private final Optional<String> scripts;

    private SchemaStamp(Optional<String> scripts) {
        this.scripts = scripts;
    }

    /** The stamp of the scripts under {@code location} ({@code db/migration}) as the class loader finds them. */
    static SchemaStamp of(ClassLoader loader, String location) {
        return new SchemaStamp(scriptsDigest(loader, location));
    }

    /** Whether the database holds this build's stamp for its current history; false for any error reading either. */
    boolean matches(Connection connection) {
        if (scripts.isEmpty()) {
            return false;
        }
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT scripts_sha256, history_sha256 FROM " + TABLE + " WHERE id = 1")) {
            return r.next() && scripts.get().equals(r.getString(1)) && historyDigest(connection).equals(r.getString(2));
        } catch (SQLException noStampOrNoHistory) {
            return false;
        }
    }

    /** Records the stamp for the history as it is now: call after Flyway has migrated. */
    void record(Connection connection) throws SQLException {
        if (scripts.isEmpty()) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id INTEGER PRIMARY KEY, scripts_sha256 VARCHAR(64)"
                    + " NOT NULL, history_sha256 VARCHAR(64) NOT NULL)");
        }
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + TABLE
                + " (id, scripts_sha256, history_sha256) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE"
                + " SET scripts_sha256 = excluded.scripts_sha256, history_sha256 = excluded.history_sha256")) {
            s.setString(1, scripts.get());
            s.setString(2, historyDigest(connection));
            s.executeUpdate();
        }
    }

    private static String historyDigest(Connection connection) throws SQLException {
        MessageDigest digest = sha256();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT installed_rank, version, script, checksum, success"
                     + " FROM flyway_schema_history ORDER BY installed_rank")) {
            while (r.next()) {
                String row = r.getInt(1) + "\u0000" + r.getString(2) + "\u0000" + r.getString(3) + "\u0000"
                        + r.getString(4) + "\u0000" + r.getBoolean(5) + "\n";
                digest.update(row.getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The files under the location, as Flyway finds them: in every directory (classes run from target/classes) and
     * jar (the packaged app) the class path has it in, subdirectories included, by path. Empty when the location is
     * anywhere else or cannot be read, which leaves every start to Flyway.
     */
    private static Optional<String> scriptsDigest(ClassLoader loader, String location) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try {
            for (URL url : Collections.list(loader.getResources(location))) {
                switch (url.getProtocol()) {
                    case "file" -> inDirectory(Path.of(url.toURI()), files);
                    case "jar" -> inJar((JarURLConnection) url.openConnection(), location, files);
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        } catch (IOException | UncheckedIOException | URISyntaxException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        if (files.isEmpty()) {
            return Optional.empty();
        }
        MessageDigest digest = sha256();
        files.forEach((name, bytes) -> {
            digest.update((name + "\u0000" + bytes.length + "\u0000").getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
        });
        return Optional.of(HexFormat.of().formatHex(digest.digest()));
    }

    /** A name twice on the class path is for Flyway to report: no stamp is made of it. */
    private static void add(TreeMap<String, byte[]> files, String name, byte[] bytes) throws IOException {
        if (files.put(name, bytes) != null) {
            throw new IOException(name + " is on the class path twice");
        }
    }

    private static void inDirectory(Path dir, TreeMap<String, byte[]> files) throws IOException {
        try (Stream<Path> walked = Files.walk(dir)) {
            for (Path file : walked.filter(Files::isRegularFile).toList()) {
                add(files, dir.relativize(file).toString().replace(dir.getFileSystem().getSeparator(), "/"),
                        Files.readAllBytes(file));
            }
        }
    }

    private static void inJar(JarURLConnection connection, String location, TreeMap<String, byte[]> files)
            throws IOException {
        connection.setUseCaches(false);
        String prefix = location.endsWith("/") ? location : location + "/";
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix))
                    .toList()) {
                try (InputStream in = jar.getInputStream(entry)) {
                    add(files, entry.getName().substring(prefix.length()), in.readAllBytes());
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
