package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static dev.weatheragent.store.ChatStoreContract.CLOCK;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A PostgreSQL that refuses the login (a wrong password in the Secret) ends the start with a message that says so,
 * instead of being retried for ever as if it were unreachable: retrying cannot help, and a pod restarting with the
 * message in its log is what the operator needs to see.
 */
class PostgresLoginTest {

    private static final String USER = "weather_login";

    @Test
    void aWrongPasswordEndsTheStartWithWhatToCheckAndTheRightOneOpens() throws SQLException {
        try (PostgresFixture.OwnPostgres server = PostgresFixture.startOwn()) {
            StoreConfig.Database admin = server.newDatabase();
            try (Connection c = PostgresFixture.connect(admin); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD 'the-right-password'");
            }
            server.requirePassword(USER);

            StoreStartupException e = assertThrows(StoreStartupException.class,
                    () -> ChatStores.open(PostgresFixture.config(as(admin, "not-the-password")), CLOCK));

            assertThat(e.getMessage(), allOf(containsString("the database at " + admin.display() + " refused the login"),
                    containsString("password authentication failed for user \"" + USER + "\""),
                    containsString("DATABASE_PASSWORD"), not(containsString("not-the-password"))));
            try (ChatStore store = ChatStores.open(PostgresFixture.config(as(admin, "the-right-password")), CLOCK)) {
                assertThat("the server does let the user in with its password", store.status().ready(), is(true));
            }
        }
    }

    private static StoreConfig.Database as(StoreConfig.Database database, String password) {
        return new StoreConfig.Database(database.jdbcUrl(), Optional.of(USER), Optional.of(password),
                database.display());
    }
}
