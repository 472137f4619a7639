package dev.weatheragent.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.telegram.Backoff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Opens the store the configuration asks for: PostgreSQL when {@code DATABASE_URL} is set, else the SQLite file in
 * {@code DATA_DIR}, else (that directory cannot be written) memory only, said once at WARN.
 */
public final class ChatStores {

    private static final System.Logger LOG = System.getLogger(ChatStores.class.getName());
    /** A database that does not hand out a connection within this time counts as down for that update. */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    private static final int POOL_SIZE = 4;

    private ChatStores() {
    }

    /**
     * Opens and migrates the store. An unreachable PostgreSQL is retried in the background with backoff: until it
     * answers, the store reports itself not ready and every call throws {@link StoreUnavailableException}.
     *
     * @throws StoreStartupException when the database is there but this build cannot use it
     */
    public static ChatStore open(StoreConfig config, Clock clock) {
        if (config.database().isPresent()) {
            return postgres(config.database().get(), clock);
        }
        Optional<String> unwritable = unwritable(config.dataDir());
        if (unwritable.isPresent()) {
            LOG.log(System.Logger.Level.WARNING, "DATA_DIR " + config.dataDir().toAbsolutePath() + " "
                    + unwritable.get() + ": settings are kept in memory only and forgotten at restart. Mount a"
                    + " writable volume there (docker run -v weather-agent-data:/data), point DATA_DIR at a writable"
                    + " directory, or set DATABASE_URL");
            return new MemoryChatStore("DATA_DIR " + config.dataDir() + " " + unwritable.get());
        }
        return sqlite(config.sqliteFile(), clock);
    }

    /** The SQLite file, in WAL mode so that reads never wait for a write. */
    static ChatStore sqlite(Path file, Clock clock) {
        HikariConfig hikari = pool("weather-agent-sqlite");
        hikari.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath()
                + "?journal_mode=WAL&busy_timeout=" + CONNECTION_TIMEOUT.toMillis() + "&foreign_keys=true");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreStartupException("cannot open the SQLite database " + file.toAbsolutePath() + ": "
                    + Migrations.rootMessage(e), e);
        }
        String where = file.toAbsolutePath().toString();
        try {
            Migrations.run(pool, where);
        } catch (RuntimeException e) {
            pool.close();
            throw e instanceof StoreStartupException startup ? startup
                    : new StoreStartupException("cannot open the SQLite database " + where + ": " + e.getMessage(), e);
        }
        JdbcChatStore store = new JdbcChatStore(new JdbcAccess(pool, pool, "sqlite", where, fileWatch(file)), clock);
        store.migrated();
        LOG.log(System.Logger.Level.INFO, "chat settings are stored in " + where);
        return store;
    }

    static ChatStore postgres(StoreConfig.Database database, Clock clock) {
        HikariConfig hikari = pool("weather-agent-postgresql");
        hikari.setJdbcUrl(database.jdbcUrl());
        database.user().ifPresent(hikari::setUsername);
        database.password().ifPresent(hikari::setPassword);
        hikari.addDataSourceProperty("connectTimeout", String.valueOf(CONNECTION_TIMEOUT.toSeconds()));
        hikari.addDataSourceProperty("socketTimeout", "15");
        hikari.addDataSourceProperty("ApplicationName", "weather-agent");
        // Start even when the server is down: the pool keeps trying, the bot keeps answering.
        hikari.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(hikari);
        JdbcChatStore store = new JdbcChatStore(new JdbcAccess(pool, pool, "postgresql", database.display(),
                Optional::empty), clock);
        try {
            Migrations.run(pool, database.display());
            connected(store, database);
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "PostgreSQL at " + database.display() + " is unreachable ("
                    + e.getMessage() + "): answering without stored settings and retrying in the background");
            store.startupProblem("unreachable: " + e.getMessage());
            Thread.ofVirtual().name("postgresql-connect").start(() -> retry(store, pool, database));
        } catch (StoreStartupException e) {
            pool.close();
            throw e;
        }
        return store;
    }

    private static void retry(JdbcChatStore store, HikariDataSource pool, StoreConfig.Database database) {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random());
        for (int attempt = 1; ; attempt++) {
            try {
                Thread.sleep(backoff.next());
                if (pool.isClosed()) {
                    return;
                }
                Migrations.run(pool, database.display());
                connected(store, database);
                return;
            } catch (InterruptedException e) {
                return;
            } catch (StoreUnavailableException e) {
                store.startupProblem("unreachable: " + e.getMessage());
                // One line a minute or so, not one per attempt.
                if (attempt % 10 == 0) {
                    LOG.log(System.Logger.Level.WARNING, "PostgreSQL at " + database.display()
                            + " is still unreachable after " + attempt + " attempts (" + e.getMessage() + ")");
                }
            } catch (StoreStartupException e) {
                if (!pool.isClosed()) {
                    store.startupProblem(e.getMessage());
                    LOG.log(System.Logger.Level.ERROR, e.getMessage() + "; chat settings stay unavailable");
                }
                return;
            }
        }
    }

    private static void connected(JdbcChatStore store, StoreConfig.Database database) {
        store.migrated();
        LOG.log(System.Logger.Level.INFO, "chat settings are stored in PostgreSQL at " + database.display());
    }

    private static HikariConfig pool(String name) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        hikari.setValidationTimeout(Duration.ofSeconds(1).toMillis());
        return hikari;
    }

    /** Why the directory cannot hold the database file, if it cannot. */
    private static Optional<String> unwritable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return Optional.of("cannot be created (" + e.getClass().getSimpleName() + ")");
        }
        Path file = dir.resolve(StoreConfig.SQLITE_FILE);
        if (!Files.isWritable(dir) || Files.exists(file) && !Files.isWritable(file)) {
            return Optional.of("is not writable");
        }
        return Optional.empty();
    }

    /**
     * Notices the database file being deleted or replaced while the bot runs: SQLite would go on writing into the
     * unlinked file, and every change since would be gone at the next start.
     */
    private static Supplier<Optional<String>> fileWatch(Path file) {
        Object identity = fileKey(file);
        return () -> Objects.equals(identity, fileKey(file)) ? Optional.empty()
                : Optional.of("the database file " + file.toAbsolutePath() + " was deleted or replaced; restart the"
                + " bot to use it again");
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }
}
