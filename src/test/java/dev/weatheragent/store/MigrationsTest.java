package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.weather.Units;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.weatheragent.store.ChatStoreContract.CLOCK;
import static dev.weatheragent.store.ChatStoreContract.KYIV;
import static dev.weatheragent.store.ChatStoreContract.names;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Flyway on both databases: from empty, again on a migrated one, from the previous build's schema, and a newer one. */
class MigrationsTest {

    /** Every migration in src/main/resources/db/migration, in order: update when adding one. */
    static final List<String> VERSIONS = List.of("1", "2", "3", "4", "5");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEmptyDatabaseGetsTheWholeSchema(Backend backend) throws SQLException {
        StoreConfig config = backend.freshConfig(dir);
        try (ChatStore store = ChatStores.open(config, CLOCK)) {
            assertThat(store.status().ready(), is(true));
            store.savePlace(1, "home", KYIV);
        }
        assertThat(appliedVersions(backend, config), is(VERSIONS));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void openingAMigratedDatabaseAgainChangesNothing(Backend backend) throws SQLException {
        StoreConfig config = backend.freshConfig(dir);
        try (ChatStore store = ChatStores.open(config, CLOCK)) {
            store.units(1, Units.IMPERIAL);
            store.savePlace(1, "home", KYIV);
        }
        try (ChatStore store = ChatStores.open(config, CLOCK)) {
            assertThat(store.settings(1).units(), is(Units.IMPERIAL));
            assertThat(names(store.settings(1).places()), contains("home"));
        }
        assertThat("no migration ran twice", appliedVersions(backend, config), is(VERSIONS));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void placesSavedUnderTheFirstSchemaKeepTheirOrder(Backend backend) throws SQLException, IOException {
        StoreConfig config = backend.freshConfig(dir);
        // The database as the first build (schema 1) left it: places ordered by created_at, ties by name.
        Files.createDirectories(config.dataDir());
        Flyway.configure().dataSource(backend.jdbcUrl(config), backend.user(config), null).target("1").load().migrate();
        try (Connection c = backend.connect(config)) {
            insertV1Place(c, "zeta", 2000);
            insertV1Place(c, "beta", 1000);
            insertV1Place(c, "alpha", 2000);
        }

        try (ChatStore store = ChatStores.open(config, CLOCK)) {
            assertThat(names(store.settings(1).places()), contains("beta", "alpha", "zeta"));
            store.savePlace(1, "new", KYIV);
            assertThat(names(store.settings(1).places()), contains("beta", "alpha", "zeta", "new"));
        }
        assertThat(appliedVersions(backend, config), is(VERSIONS));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSchemaNewerThanThisBuildIsRefusedAndLeftAlone(Backend backend) throws SQLException {
        StoreConfig config = backend.freshConfig(dir);
        try (ChatStore store = ChatStores.open(config, CLOCK)) {
            store.savePlace(1, "home", KYIV);
        }
        // What a newer build's migration would leave behind (its SQL ran, its row is in the history).
        try (Connection c = backend.connect(config); PreparedStatement s = c.prepareStatement(
                "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                        + " installed_by, execution_time, success)"
                        + " VALUES ((SELECT MAX(installed_rank) + 1 FROM flyway_schema_history), '99',"
                        + " 'from a newer build', 'SQL', 'V99__from_a_newer_build.sql', 0, 'test', 1, ?)")) {
            s.setBoolean(1, true);
            s.executeUpdate();
        }

        StoreStartupException e = assertThrows(StoreStartupException.class, () -> ChatStores.open(config, CLOCK));

        assertThat(e.getMessage(), allOf(containsString("schema version 99"), containsString("up to " + VERSIONS.getLast()),
                containsString("run the newer weather-agent")));
        try (Connection c = backend.connect(config); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM saved_places")) {
            r.next();
            assertThat("the data is kept", r.getInt(1), is(1));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void settingsANewerBuildWroteAreReadAsTheDefaultsAfterARollback(Backend backend) throws SQLException {
        StoreConfig config = backend.freshConfig(dir);
        try (ChatStore store = ChatStores.open(config, CLOCK)) {
            store.units(1, Units.IMPERIAL);
            store.language(1, Language.UKRAINIAN);
            store.home(1, KYIV);
        }
        // A newer build may add a unit system or a language without a schema change, then be rolled back.
        try (Connection c = backend.connect(config); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE chat_settings SET units = 'KELVIN', language = 'eo' WHERE chat_id = 1");
        }

        try (ChatStore store = ChatStores.open(config, CLOCK)) {
            assertThat(store.settings(1), is(new ChatSettings(Units.METRIC, Language.AUTO, Optional.of(KYIV),
                    List.of(), true)));
        }
    }

    private static void insertV1Place(Connection c, String name, long createdAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO saved_places (chat_id, name_key, name, label,"
                + " latitude, longitude, timezone, created_at) VALUES (1, ?, ?, 'Kyiv', 50.45, 30.52, 'Europe/Kyiv', ?)")) {
            s.setString(1, name);
            s.setString(2, name);
            s.setLong(3, createdAt);
            s.executeUpdate();
        }
    }

    private static List<String> appliedVersions(Backend backend, StoreConfig config) throws SQLException {
        try (Connection c = backend.connect(config); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success"
                     + " AND version IS NOT NULL ORDER BY installed_rank")) {
            List<String> versions = new ArrayList<>();
            while (r.next()) {
                versions.add(r.getString(1));
            }
            return versions;
        }
    }
}
