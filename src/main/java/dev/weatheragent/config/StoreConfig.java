package dev.weatheragent.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the chats' settings live: PostgreSQL when {@code DATABASE_URL} is set, otherwise the SQLite file
 * {@code weather-agent.db} in {@code DATA_DIR}.
 *
 * @param dataDir  directory of the SQLite file; need not exist yet
 * @param database the PostgreSQL server, when one is configured
 */
public record StoreConfig(Path dataDir, Optional<Database> database) {

    /** The SQLite file's name in {@link #dataDir()}. */
    public static final String SQLITE_FILE = "weather-agent.db";

    public Path sqliteFile() {
        return dataDir.resolve(SQLITE_FILE);
    }

    /**
     * A PostgreSQL server.
     *
     * @param jdbcUrl  {@code jdbc:postgresql://host:port/db?…}, without user or password
     * @param user     the role to log in as, when the URL names one
     * @param password a secret, never logged
     * @param display  host, port and database, for log lines
     */
    public record Database(String jdbcUrl, Optional<String> user, Optional<String> password, String display) {

        @Override
        public String toString() {
            return "Database[" + display + "]";
        }
    }
}
