package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.store.PostgresFixture.OwnPostgres;
import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static dev.weatheragent.store.ChatStoreContract.CLOCK;
import static dev.weatheragent.store.ChatStoreContract.KYIV;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/** PostgreSQL going away and coming back, with servers of the tests' own. */
class PostgresOutageTest {

    /** The pool's connection timeout is 2 s; anything near this bound is a hang, not a slow failure. */
    private static final Duration NO_HANG = Duration.ofSeconds(15);
    /**
     * Open tries the server once, through the pool (2 s connection timeout), so that a newer schema still stops the
     * start; an unreachable server must not hold it up for longer than that try.
     */
    private static final Duration OPEN = Duration.ofSeconds(2 + 5);
    /** The background retry backs off up to 30 s between attempts. */
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    @Test
    void aServerStoppedMidRunFailsCallsQuicklyAndIsUsedAgainOnceBack() {
        try (OwnPostgres server = PostgresFixture.startOwn();
             ChatStore store = ChatStores.open(PostgresFixture.config(server.newDatabase()), CLOCK)) {
            store.units(1, Units.IMPERIAL);

            server.stop();

            assertTimeoutPreemptively(NO_HANG, () -> {
                assertThrows(StoreUnavailableException.class, () -> store.units(1, Units.METRIC));
                assertThrows(StoreUnavailableException.class, () -> store.settings(1));
                assertThrows(StoreUnavailableException.class, () -> store.savePlace(1, "home", KYIV));
                assertThat(store.status().ready(), is(false));
            });

            server.start();

            await("a call works again", () -> worksNow(store));
            assertThat("the failed write changed nothing", store.settings(1).units(), is(Units.IMPERIAL));
            assertThat(store.status().ready(), is(true));
        }
    }

    @Test
    void aServerUnreachableAtStartIsConnectedAndMigratedWhenItAppears() throws SQLException {
        int port = PostgresFixture.freePort();
        // The database every new server has: there is no server yet to create one on.
        StoreConfig.Database database = new StoreConfig.Database("jdbc:postgresql://localhost:" + port + "/postgres",
                Optional.of("postgres"), Optional.empty(), "localhost:" + port + "/postgres");

        long started = System.nanoTime();
        try (ChatStore store = ChatStores.open(PostgresFixture.config(database), CLOCK)) {
            assertThat("open waits at most about one connection timeout",
                    Duration.ofNanos(System.nanoTime() - started), lessThan(OPEN));
            assertThat(store.status().ready(), is(false));
            assertThat(store.status().detail(), containsString("unreachable"));
            assertTimeoutPreemptively(NO_HANG,
                    () -> assertThrows(StoreUnavailableException.class, () -> store.units(1, Units.METRIC)));

            try (OwnPostgres server = PostgresFixture.startOwn(port)) {
                await("the background retry connects", () -> store.status().ready());
                store.savePlace(1, "home", KYIV);
                assertThat(store.settings(1).place("home").isPresent(), is(true));
                try (Connection c = PostgresFixture.connect(database); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT MAX(version) FROM flyway_schema_history")) {
                    r.next();
                    assertThat("migrated to the latest version", r.getString(1),
                            is(MigrationsTest.VERSIONS.getLast()));
                }
            }
        }
    }

    private static boolean worksNow(ChatStore store) {
        try {
            store.settings(1);
            return true;
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
        fail("not within " + RECOVERY + ": " + what);
    }
}
