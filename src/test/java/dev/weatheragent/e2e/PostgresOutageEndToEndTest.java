package dev.weatheragent.e2e;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.store.PostgresFixture;
import dev.weatheragent.store.PostgresFixture.OwnPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The bot on a real PostgreSQL of this test's own, which goes away and comes back: weather keeps being answered,
 * nothing is claimed saved while it is gone, readiness follows it, and an unreachable server at start-up does not
 * stop the bot from starting.
 */
class PostgresOutageEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private OwnPostgres postgres;
    private BotHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new BotHarness();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            h.closeCheckingSpec();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private String ask(long chat, String text) throws InterruptedException {
        return h.ask(chat, text, "en", WAIT).plainText();
    }

    @Test
    void whilePostgresIsDownWeatherIsAnsweredAndNothingIsFalselySaved() throws Exception {
        postgres = PostgresFixture.startOwn();
        h.store = PostgresFixture.config(postgres.newDatabase());
        h.start();
        assertThat(ask(1, "/home Kyiv"), containsString("Home place set to Kyiv"));
        assertThat(h.health("/health/ready"), equalTo(200));
        postgres.stop();
        assertThat(ask(1, "/units imperial"), containsString("nothing was changed"));
        assertThat(ask(1, "/weather Lviv"), allOf(startsWith("Lviv"), containsString("°C")));
        assertThat(ask(1, "/weather"), containsString("I can’t read your saved settings right now"));
        assertThat(h.health("/health/ready"), equalTo(503));
        assertThat(h.health("/health/live"), equalTo(200));
        postgres.start();
        Instant deadline = Instant.now().plus(WAIT);
        while (h.health("/health/ready") != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(ask(1, "/units imperial"), containsString("Units set to imperial"));
        assertThat(ask(1, "/weather"), allOf(startsWith("Kyiv"), containsString("°F")));
    }

    @Test
    void anUnreachablePostgresAtStartUpIsWaitedForWhileWeatherIsAnswered() throws Exception {
        int port = PostgresFixture.freePort();
        // The server's own database, which exists as soon as a server answers on that port.
        h.store = PostgresFixture.config(new StoreConfig.Database("jdbc:postgresql://localhost:" + port + "/postgres",
                Optional.of("postgres"), Optional.empty(), "localhost:" + port + "/postgres"));
        h.start();
        assertThat(h.health("/health/live"), equalTo(200));
        assertThat(h.health("/health/ready"), equalTo(503));
        assertThat(h.healthBody("/health/ready"), containsString("unreachable"));
        assertThat(ask(2, "/weather Kyiv"), startsWith("Kyiv"));
        assertThat(ask(2, "/units imperial"), containsString("nothing was changed"));
        postgres = PostgresFixture.startOwn(port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (h.health("/health/ready") != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(h.health("/health/ready"), equalTo(200));
        assertThat(ask(2, "/units imperial"), containsString("Units set to imperial"));
    }
}
