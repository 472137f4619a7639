package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A consistent copy of the SQLite database while the bot runs. {@code VACUUM INTO} reads one snapshot beside the
 * bot's writes (WAL mode) and includes what is still only in the {@code -wal} file; copying the {@code .db} file
 * would miss that, or catch a page half-written.
 */
public final class SqliteBackup {

    /** How long to wait for a lock, as the store does. */
    private static final int BUSY_TIMEOUT_MILLIS = 2000;

    private SqliteBackup() {
    }

    /**
     * Copies the SQLite database of this configuration into a new file (its directory is created if need be).
     *
     * @throws IllegalArgumentException   when the configuration uses PostgreSQL, there is no database file, or the
     *                                    target exists (a backup never overwrites an earlier one)
     * @throws StoreUnavailableException  when SQLite cannot read the database or write the copy
     */
    public static void backup(StoreConfig config, Path target) {
        if (config.database().isPresent()) {
            throw new IllegalArgumentException("DATABASE_URL is set: the chats' settings are in PostgreSQL at "
                    + config.database().get().display() + ", not in a SQLite file; back that up with pg_dump");
        }
        Path source = config.sqliteFile().toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("there is no SQLite database at " + source + ": check DATA_DIR");
        }
        Path copy = target.toAbsolutePath();
        if (Files.exists(copy)) {
            throw new IllegalArgumentException("the backup target " + copy + " exists already: choose a new file,"
                    + " a backup never overwrites another");
        }
        try {
            Files.createDirectories(copy.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory for the backup " + copy, e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        // Read-only: the backup can never change the live database (nor create it, had it just been deleted).
        sqlite.setReadOnly(true);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        try (Connection c = sqlite.createConnection("jdbc:sqlite:" + source);
             PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
            s.setString(1, copy.toString());
            s.execute();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot back up " + source + " to " + copy + ": " + e.getMessage(), e);
        }
    }
}
