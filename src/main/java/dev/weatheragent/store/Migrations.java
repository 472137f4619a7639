package dev.weatheragent.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;

import javax.sql.DataSource;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Brings the schema up to date with Flyway ({@code classpath:db/migration}, the same files for both databases), or
 * leaves Flyway unloaded when the database holds this build's {@link SchemaStamp} for its current history.
 */
final class Migrations {

    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());
    private static final String LOCATION = "db/migration";

    private Migrations() {
    }

    /**
     * Migrates, or refuses a schema newer than this build knows: running old code on it could lose data.
     *
     * @throws StoreUnavailableException when the database cannot be reached (worth retrying)
     * @throws StoreStartupException     when it can, but this build cannot use it
     */
    static void run(DataSource dataSource, String where) {
        SchemaStamp stamp = SchemaStamp.of(Migrations.class.getClassLoader(), LOCATION);
        try (Connection connection = dataSource.getConnection()) {
            if (stamp.matches(connection)) {
                LOG.log(System.Logger.Level.DEBUG, "the schema at " + where + " is as this build left it: no migration");
                return;
            }
        } catch (SQLException e) {
            if (loginRefused(e) || unreachable(e)) {
                throw failure(e, where);
            }
            // Anything else is for Flyway to find and report.
        }
        migrate(dataSource, where);
        try (Connection connection = dataSource.getConnection()) {
            stamp.record(connection);
        } catch (SQLException e) {
            // Costs only time: the next start runs Flyway again.
            LOG.log(System.Logger.Level.WARNING, "the schema at " + where + " is up to date, but its stamp could not"
                    + " be written (" + rootMessage(e) + "): every start checks the migrations with Flyway");
        }
    }

    private static void migrate(DataSource dataSource, String where) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + LOCATION)
                .failOnMissingLocations(true)
                .load();
        try {
            MigrationInfoService info = flyway.info();
            Optional<MigrationInfo> future = Arrays.stream(info.all())
                    .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS
                            || m.getState() == MigrationState.FUTURE_FAILED)
                    .reduce((first, second) -> second);
            if (future.isPresent()) {
                String known = Arrays.stream(info.all())
                        .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS
                                && m.getState() != MigrationState.FUTURE_FAILED)
                        .map(m -> m.getVersion().toString())
                        .reduce((first, second) -> second).orElse("none");
                throw new StoreStartupException("the database at " + where + " has schema version "
                        + future.get().getVersion() + ", but this build of weather-agent knows versions up to " + known
                        + ": run the newer weather-agent, or restore a backup made before the upgrade", null);
            }
            flyway.migrate();
        } catch (FlywayException e) {
            throw failure(e, where);
        }
    }

    /**
     * What a failure means: a refused login is final (a wrong user or password does not right itself, and a changed
     * Secret reaches the pod only with a restart), an unreachable server is worth retrying, anything else is about
     * the data.
     */
    private static RuntimeException failure(Exception e, String where) {
        if (loginRefused(e)) {
            return new StoreStartupException("the database at " + where + " refused the login: " + rootMessage(e)
                    + " (check the user in DATABASE_URL and DATABASE_PASSWORD)", e);
        }
        if (unreachable(e)) {
            return new StoreUnavailableException(rootMessage(e), e);
        }
        return new StoreStartupException("the database at " + where + " cannot be migrated: " + rootMessage(e), e);
    }

    /**
     * SQLSTATE class 28, invalid authorization: PostgreSQL's answer to a wrong password or a user it does not let
     * in. HikariCP reports it as a timeout (an SQLTransientException) with the refusal as its cause.
     */
    private static boolean loginRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("28")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the cause is the network or the server not (yet) answering, rather than the data. */
    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
