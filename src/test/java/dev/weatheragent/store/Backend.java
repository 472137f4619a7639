package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/** The two databases, for tests that run the same steps on each ({@code @EnumSource(Backend.class)}). */
enum Backend {
    SQLITE {
        @Override
        StoreConfig freshConfig(Path dir) {
            return new StoreConfig(dir.resolve("data"), Optional.empty());
        }

        @Override
        String jdbcUrl(StoreConfig config) {
            return "jdbc:sqlite:" + config.sqliteFile().toAbsolutePath();
        }

        @Override
        String user(StoreConfig config) {
            return null;
        }
    },
    POSTGRESQL {
        @Override
        StoreConfig freshConfig(Path dir) {
            return PostgresFixture.config(PostgresFixture.shared().newDatabase());
        }

        @Override
        String jdbcUrl(StoreConfig config) {
            return config.database().orElseThrow().jdbcUrl();
        }

        @Override
        String user(StoreConfig config) {
            return config.database().orElseThrow().user().orElseThrow();
        }
    };

    /** Where an empty database of this kind is (for SQLite, under this directory). */
    abstract StoreConfig freshConfig(Path dir);

    abstract String jdbcUrl(StoreConfig config);

    /** The user to log in as, or null (the test servers trust every local user: no passwords). */
    abstract String user(StoreConfig config);

    /** A plain connection to the database, outside any store. */
    Connection connect(StoreConfig config) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(config), user(config), null);
    }
}
