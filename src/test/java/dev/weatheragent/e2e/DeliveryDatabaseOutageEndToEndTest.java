package dev.weatheragent.e2e;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.fakes.FakeOpenMeteo.Hour;
import dev.weatheragent.fakes.MutableClock;
import dev.weatheragent.store.PostgresFixture;
import dev.weatheragent.store.PostgresFixture.OwnPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * A daily forecast or an alert that Telegram delivered while PostgreSQL went down, before the bot could record it:
 * the record is written once the database answers again, before any claim is taken over, so the message is not sent
 * a second time when its claim's lease ends, however long the outage lasted.
 */
class DeliveryDatabaseOutageEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 07:00 in Kyiv; the forecast is at 07:30 local, 05:30 UTC. */
    private static final Instant START = Instant.parse("2026-01-15T05:00:00Z");
    private static final Instant DUE = Instant.parse("2026-01-15T05:30:00Z");
    /** Longer than the claims' lease (5 minutes): an outage after which a claim looks abandoned. */
    private static final Duration PAST_THE_LEASE = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(START);
    private OwnPostgres postgres;
    private StoreConfig.Database database;
    private BotHarness h;

    @BeforeEach
    void start() throws Exception {
        postgres = PostgresFixture.startOwn();
        database = postgres.newDatabase();
        h = new BotHarness(clock);
        h.store = PostgresFixture.config(database);
        h.meteo.hourlyWeather(t -> Hour.FAIR);
        h.start();
        h.ask(1, "/home Kyiv", "en", WAIT);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (h != null) {
                h.closeCheckingSpec();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void aDailyForecastTheDatabaseMissedIsRecordedWhenItAnswersAgainAndNotSentTwice() throws Exception {
        assertThat(h.ask(1, "/daily 7:30", "en", WAIT).plainText(), containsString("Every day at 07:30"));

        h.telegram.beforeNextSendAnswer(postgres::stop);
        clock.set(DUE);
        assertThat(h.awaitScheduled(1, 1, WAIT), hasSize(1));
        assertRecordedOnceBack("daily_deliveries", Duration.ZERO);
    }

    @Test
    void aDailyForecastIsNotSentTwiceAfterAnOutageLongerThanTheLease() throws Exception {
        assertThat(h.ask(1, "/daily 7:30", "en", WAIT).plainText(), containsString("Every day at 07:30"));

        h.telegram.beforeNextSendAnswer(postgres::stop);
        clock.set(DUE);
        assertThat(h.awaitScheduled(1, 1, WAIT), hasSize(1));
        assertRecordedOnceBack("daily_deliveries", PAST_THE_LEASE);
    }

    @Test
    void anAlertIsNotSentTwiceAfterAnOutageLongerThanTheLease() throws Exception {
        // Rain at 10:00-11:00 local (the timestamp 09:00Z ends it): three hours ahead, not yet alerted.
        Instant rainEnds = Instant.parse("2026-01-15T09:00:00Z");
        h.meteo.hourlyWeather(t -> t.equals(rainEnds) ? Hour.FAIR.withRain(1) : Hour.FAIR);
        assertThat(h.ask(1, "/alerts on", "en", WAIT).plainText(), containsString("Weather alerts on"));

        // An hour on, the next check finds the rain two hours ahead.
        h.telegram.beforeNextSendAnswer(postgres::stop);
        clock.set(START.plus(Duration.ofHours(1)));
        assertThat(h.awaitScheduled(1, 1, WAIT).getFirst().plainText(), containsString("Rain in Kyiv"));
        assertRecordedOnceBack("alert_deliveries", PAST_THE_LEASE);
    }

    /**
     * With the database down since Telegram took the message, moves the clock {@code outage} on, brings the database
     * back, and checks that the delivery is recorded as sent and the message not sent again.
     */
    private void assertRecordedOnceBack(String table, Duration outage) throws Exception {
        assertThat("not recorded while the database is down", sent(table), is(false));
        clock.advance(outage);
        // Longer than the pool waits for a connection (2 s): the bot's first attempt to record fails.
        Thread.sleep(4000);
        postgres.start();

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!sent(table) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat("recorded as sent once the database answers", sent(table), is(true));
        clock.advance(PAST_THE_LEASE);
        Thread.sleep(1500);
        assertThat("not sent again after the claim's lease", h.scheduled(1), hasSize(1));
    }

    /** Whether the table holds one delivery as sent; false while the database cannot be reached. */
    private boolean sent(String table) {
        try (Connection c = PostgresFixture.connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE sent_at IS NOT NULL")) {
            r.next();
            return r.getInt(1) == 1;
        } catch (SQLException e) {
            return false;
        }
    }
}
