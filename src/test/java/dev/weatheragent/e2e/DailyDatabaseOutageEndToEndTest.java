package dev.weatheragent.e2e;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.fakes.MutableClock;
import dev.weatheragent.store.PostgresFixture;
import dev.weatheragent.store.PostgresFixture.OwnPostgres;
import org.junit.jupiter.api.AfterEach;
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
 * A daily forecast that Telegram delivered while PostgreSQL went down, before the bot could record it: the record
 * is written once the database answers again, so the forecast is not sent a second time when its claim's lease ends.
 */
class DailyDatabaseOutageEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 07:00 in Kyiv; the forecast is at 07:30 local, 05:30 UTC. */
    private static final Instant START = Instant.parse("2026-01-15T05:00:00Z");
    private static final Instant DUE = Instant.parse("2026-01-15T05:30:00Z");

    private final MutableClock clock = new MutableClock(START);
    private OwnPostgres postgres;
    private BotHarness h;

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
    void aDeliveryTheDatabaseMissedIsRecordedWhenItAnswersAgainAndNotSentTwice() throws Exception {
        postgres = PostgresFixture.startOwn();
        StoreConfig.Database database = postgres.newDatabase();
        h = new BotHarness(clock);
        h.store = PostgresFixture.config(database);
        h.start();
        h.ask(1, "/home Kyiv", "en", WAIT);
        assertThat(h.ask(1, "/daily 7:30", "en", WAIT).plainText(), containsString("Every day at 07:30"));

        h.telegram.beforeNextSendAnswer(postgres::stop);
        clock.set(DUE);
        assertThat(h.awaitScheduled(1, 1, WAIT), hasSize(1));
        assertThat("not recorded while the database is down", sentAt(database), is(false));
        // Longer than the pool waits for a connection (2 s): the bot's first attempt to record fails.
        Thread.sleep(4000);
        postgres.start();

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!sentAt(database) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat("recorded as sent once the database answers", sentAt(database), is(true));
        clock.advance(Duration.ofMinutes(10));
        Thread.sleep(1500);
        assertThat("not sent again after the claim's lease", h.scheduled(1), hasSize(1));
    }

    /** Whether the database holds the delivery as sent; false while it cannot be reached. */
    private static boolean sentAt(StoreConfig.Database database) {
        try (Connection c = PostgresFixture.connect(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM daily_deliveries WHERE sent_at IS NOT NULL")) {
            r.next();
            return r.getInt(1) == 1;
        } catch (SQLException e) {
            return false;
        }
    }
}
