package dev.weatheragent.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One database pool as the stores use it: a read or a transaction at a time, each failure to reach the database
 * turned into {@link StoreUnavailableException} and logged once when it starts and once when it ends. Shared by the
 * chat settings and the subscriptions, so that both see the same outage and the same migrated schema.
 */
final class JdbcAccess {

    private static final System.Logger LOG = System.getLogger(JdbcAccess.class.getName());
    private static final int DELETE_CHUNK = 5_000;

    private final DataSource pool;
    private final AutoCloseable closePool;
    private final String kind;
    private final String where;
    private final Supplier<Optional<String>> fileProblem;
    private volatile boolean migrated;
    private volatile String startupProblem = "connecting";
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * @param fileProblem what is wrong with the database file, checked before each use (SQLite: deleted or
     *                    replaced while open); empty when nothing is
     */
    JdbcAccess(DataSource pool, AutoCloseable closePool, String kind, String where,
               Supplier<Optional<String>> fileProblem) {
        this.pool = pool;
        this.closePool = closePool;
        this.kind = kind;
        this.where = where;
        this.fileProblem = fileProblem;
    }

    String kind() {
        return kind;
    }

    String where() {
        return where;
    }

    boolean isMigrated() {
        return migrated;
    }

    String startupProblem() {
        return startupProblem;
    }

    /** Migrations have run: the store is in use from now on. */
    void migrated() {
        migrated = true;
    }

    /** Why the store cannot start (shown in health until {@link #migrated()}). */
    void startupProblem(String problem) {
        startupProblem = problem;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T query(Work<T> work) {
        return use(work, false);
    }

    <T> T transaction(Work<T> work) {
        return use(work, true);
    }

    /**
     * Runs {@code delete}, a DELETE of at most {@code ?2} rows older than {@code ?1}, in transactions of {@value
     * #DELETE_CHUNK} rows until fewer are left: one transaction of a year's rows would hold SQLite's only writer (and
     * PostgreSQL's locks) for as long as it takes.
     *
     * @return the rows deleted
     */
    int deleteInChunks(String delete, Instant before) {
        int deleted = 0;
        while (true) {
            int chunk = transaction(c -> {
                try (PreparedStatement s = c.prepareStatement(delete)) {
                    s.setLong(1, before.toEpochMilli());
                    s.setInt(2, DELETE_CHUNK);
                    return s.executeUpdate();
                }
            });
            deleted += chunk;
            if (chunk < DELETE_CHUNK) {
                return deleted;
            }
        }
    }

    void close() {
        try {
            closePool.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "closing the " + kind + " pool failed: " + e.getMessage());
        }
    }

    private <T> T use(Work<T> work, boolean write) {
        if (!migrated) {
            throw new StoreUnavailableException(kind + " " + startupProblem);
        }
        Optional<String> problem = fileProblem.get();
        if (problem.isPresent()) {
            throw unavailable(problem.get(), null);
        }
        try (Connection c = pool.getConnection()) {
            T result;
            if (write) {
                result = inTransaction(c, work);
                // A write into a file that was deleted meanwhile succeeds, and is lost at the next restart.
                Optional<String> after = fileProblem.get();
                if (after.isPresent()) {
                    throw unavailable(after.get(), null);
                }
            } else {
                result = work.run(c);
            }
            if (failing.compareAndSet(true, false)) {
                LOG.log(System.Logger.Level.INFO, "the " + kind + " database at " + where + " works again");
            }
            return result;
        } catch (SQLException e) {
            throw unavailable(reason(e), e);
        }
    }

    private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        T result;
        try {
            result = work.run(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            // On a connection the server has just closed the rollback fails too ("Connection is closed"): keep the
            // first error, which says why.
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        // Only after a success: after a failure the pool resets auto-commit when the connection comes back (or drops it).
        c.setAutoCommit(true);
        return result;
    }

    /** The driver's message, and the root cause when it says more (the pool's timeout hides a refused connection). */
    private static String reason(SQLException e) {
        String root = Migrations.rootMessage(e);
        return e.getMessage() == null || e.getMessage().contains(root) ? root : e.getMessage() + ": " + root;
    }

    private StoreUnavailableException unavailable(String reason, SQLException cause) {
        if (failing.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "the " + kind + " database at " + where + " is unavailable ("
                    + reason + "): settings cannot be read or saved until it is back; weather commands with a"
                    + " place still work");
        }
        return new StoreUnavailableException(kind + " database unavailable: " + reason, cause);
    }
}
