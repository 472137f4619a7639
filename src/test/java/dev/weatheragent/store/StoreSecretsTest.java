package dev.weatheragent.store;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.weatheragent.store.ChatStoreContract.CLOCK;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The database password goes to the driver and nowhere else: not into status, exceptions or any log line. */
class StoreSecretsTest {

    private static final String PASSWORD = "pw-Kx81-secret-do-not-print";

    @Test
    void thePasswordOfAnUnreachableServerIsNeverShown() {
        int port = PostgresFixture.freePort();
        StoreConfig.Database database = new StoreConfig.Database("jdbc:postgresql://localhost:" + port + "/weather",
                Optional.of("weather"), Optional.of(PASSWORD), "localhost:" + port + "/weather");
        List<String> shown = new ArrayList<>();
        try (LogCapture log = new LogCapture("dev.weatheragent", "com.zaxxer.hikari", "org.postgresql",
                "org.flywaydb")) {
            try (ChatStore store = ChatStores.open(PostgresFixture.config(database), CLOCK)) {
                shown.add(store.status().toString());
                shown.add(describe(assertThrows(StoreUnavailableException.class, () -> store.units(1, Units.METRIC))));
                shown.add(describe(assertThrows(StoreUnavailableException.class, () -> store.settings(1))));
                shown.add(database.toString());
                shown.add(PostgresFixture.config(database).toString());
            }
            assertThat("the capture works", log.count(), is(greaterThan(0)));
            assertThat(log.text(), containsString("unreachable"));
            shown.add(log.text());
        }
        for (String text : shown) {
            assertThat(text, not(containsString(PASSWORD)));
        }
    }

    /** The exception as a log line or a stack trace would show it, causes included. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
