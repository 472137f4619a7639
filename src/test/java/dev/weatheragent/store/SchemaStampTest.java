package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.weatheragent.store.ChatStoreContract.CLOCK;
import static dev.weatheragent.store.ChatStoreContract.KYIV;
import static dev.weatheragent.store.ChatStoreContract.names;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A start-up leaves Flyway alone only when the database holds this build's stamp for its current history, on both
 * databases; anything else (another build's scripts, a history changed since) goes through Flyway as before. The
 * scripts are found the same way in a directory and in the packaged jar.
 */
class SchemaStampTest {

    private static final String SKIPPED = "is as this build left it: no migration";
    private static final Path SCRIPTS = Path.of("src/main/resources/db/migration");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStartOnTheSchemaThisBuildLeftRunsNoMigration(Backend backend) throws SQLException {
        StoreConfig config = backend.freshConfig(dir);
        try (LogCapture log = new LogCapture(Migrations.class.getName());
             ChatStore store = ChatStores.open(config, CLOCK)) {
            store.savePlace(1, "home", KYIV);
            assertThat("the first start migrates", log.text(), not(containsString(SKIPPED)));
        }
        try (LogCapture log = new LogCapture(Migrations.class.getName());
             ChatStore store = ChatStores.open(config, CLOCK)) {
            assertThat(log.text(), containsString(SKIPPED));
            assertThat(store.status().ready(), is(true));
            assertThat(names(store.settings(1).places()), contains("home"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anotherBuildsStampSendsTheStartThroughFlywayAndIsReplaced(Backend backend) throws SQLException {
        StoreConfig config = backend.freshConfig(dir);
        ChatStores.open(config, CLOCK).close();
        Map<String, String> stamped = stamp(backend, config);
        try (Connection c = backend.connect(config); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + SchemaStamp.TABLE + " SET scripts_sha256 = '" + "0".repeat(64) + "'");
        }

        try (LogCapture log = new LogCapture(Migrations.class.getName())) {
            ChatStores.open(config, CLOCK).close();
            assertThat(log.text(), not(containsString(SKIPPED)));
        }
        assertThat(stamp(backend, config), is(stamped));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aHistoryChangedSinceTheStampIsValidatedByFlyway(Backend backend) throws SQLException {
        StoreConfig config = backend.freshConfig(dir);
        ChatStores.open(config, CLOCK).close();
        // As if a script of version 2 had been edited and applied by hand: Flyway's validation must see it.
        try (Connection c = backend.connect(config); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '2'");
        }

        StoreStartupException e = assertThrows(StoreStartupException.class, () -> ChatStores.open(config, CLOCK));

        assertThat(e.getMessage(), allOf(containsString("cannot be migrated"), containsString("checksum mismatch")));
    }

    @Test
    void theScriptsInTheJarMakeTheSameStampAsInTheDirectory() throws Exception {
        try (Connection c = migratedSqlite()) {
            SchemaStamp.of(classesLoader(), "db/migration").record(c);
            assertThat(matchesFromJar(jarOf(Map.of()), c), is(true));
        }
    }

    @Test
    void aScriptInASubdirectoryCountsAsFlywayFindsItThere() throws Exception {
        try (Connection c = migratedSqlite()) {
            SchemaStamp.of(classesLoader(), "db/migration").record(c);
            Path jar = jarOf(Map.of("db/migration/later/V6__more.sql", "CREATE TABLE more (id INTEGER);"));
            assertThat(matchesFromJar(jar, c), is(false));
        }
    }

    @Test
    void scriptsThatCannotBeFoundMakeNoStampAndMatchNone() throws Exception {
        try (Connection c = migratedSqlite(); URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            SchemaStamp none = SchemaStamp.of(empty, "db/migration");
            none.record(c);
            assertThat(none.matches(c), is(false));
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT COUNT(*) FROM sqlite_master WHERE name = '" + SchemaStamp.TABLE + "'")) {
                r.next();
                assertThat("nothing was written", r.getInt(1), is(0));
            }
        }
    }

    private Connection migratedSqlite() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("stamp.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
        return DriverManager.getConnection(url);
    }

    /** Whether the stamp the scripts of this jar (and nothing else on a class path) make matches the database's. */
    private static boolean matchesFromJar(Path jar, Connection c) throws IOException {
        try (URLClassLoader packaged = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            return SchemaStamp.of(packaged, "db/migration").matches(c);
        }
    }

    private static ClassLoader classesLoader() {
        return SchemaStampTest.class.getClassLoader();
    }

    /** A jar with the build's scripts (as the packaged app has them, directory entries included) and more files. */
    private Path jarOf(Map<String, String> more) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (Stream<Path> scripts = Files.list(SCRIPTS)) {
            for (Path script : scripts.toList()) {
                entries.put("db/migration/" + script.getFileName(), Files.readAllBytes(script));
            }
        }
        more.forEach((name, text) -> entries.put(name, text.getBytes(StandardCharsets.UTF_8)));
        Path jar = dir.resolve("app-" + entries.size() + ".jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("db/"));
            zip.putNextEntry(new ZipEntry("db/migration/"));
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static Map<String, String> stamp(Backend backend, StoreConfig config) throws SQLException {
        try (Connection c = backend.connect(config); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT scripts_sha256, history_sha256 FROM " + SchemaStamp.TABLE)) {
            assertThat("one stamp", r.next(), is(true));
            return Map.of("scripts", r.getString(1), "history", r.getString(2));
        }
    }
}
