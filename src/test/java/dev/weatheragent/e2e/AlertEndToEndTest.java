package dev.weatheragent.e2e;

import dev.weatheragent.fakes.FakeOpenMeteo.Hour;
import dev.weatheragent.fakes.FakeTelegram.Sent;
import dev.weatheragent.fakes.MutableClock;
import dev.weatheragent.store.AlertDelivery;
import dev.weatheragent.store.AlertSubscription;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.store.ChatStores;
import dev.weatheragent.store.SavedPlace;
import dev.weatheragent.weather.AlertKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Weather alerts through the real wiring, a real SQLite file and the fakes, with "now" on a clock the test moves: an
 * alert once per event across checks and restarts, a claim left by a killed instance sent once after the lease,
 * paused for a chat that blocked the bot and resumed when it writes, quiet hours, and /forget_me.
 */
class AlertEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Long enough for the scheduler (five rounds a second here) to have sent anything it was going to. */
    private static final Duration QUIET = Duration.ofMillis(1500);
    /** 12:00 in Kyiv (UTC+2) on a winter Thursday. */
    private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");
    private static final SavedPlace KYIV = new SavedPlace("Kyiv, Kyiv City, Ukraine", 50.45466, 30.5238,
            "Europe/Kyiv");

    private final MutableClock clock = new MutableClock(START);
    private BotHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new BotHarness(clock);
        h.meteo.hourlyWeather(t -> Hour.FAIR);
        h.start();
    }

    @AfterEach
    void stop() throws Exception {
        h.closeCheckingSpec();
    }

    private String ask(long chat, String text, String language) throws InterruptedException {
        return h.ask(chat, text, language, WAIT).plainText();
    }

    /** Rain in the hours from {@code from} to {@code to} (Open-Meteo timestamps: each ends its hour). */
    private void rain(Instant from, Instant to) {
        h.meteo.hourlyWeather(t -> !t.isBefore(from) && !t.isAfter(to) ? Hour.FAIR.withRain(1) : Hour.FAIR);
    }

    private List<Sent> awaitScheduled(long chat, int count) throws InterruptedException {
        List<Sent> scheduled = h.awaitScheduled(chat, count, WAIT);
        assertThat("alerts to chat " + chat, scheduled, hasSize(count));
        return scheduled;
    }

    private void assertStillScheduled(long chat, int count) throws InterruptedException {
        Thread.sleep(QUIET);
        assertThat("alerts to chat " + chat, h.scheduled(chat), hasSize(count));
    }

    /** Moves the clock on and waits until the place was checked again (one more forecast call). */
    private void nextCheckAt(Instant now) throws InterruptedException {
        int before = h.meteo.forecastCalls().size();
        clock.set(now);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (h.meteo.forecastCalls().size() <= before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat("checked again", h.meteo.forecastCalls().size(), is(before + 1));
    }

    private void alertsOnInKyiv(long chat) throws InterruptedException {
        ask(chat, "/home Kyiv", "en");
        assertThat(ask(chat, "/alerts on", "en"), containsString("Weather alerts on for Kyiv, Kyiv City, Ukraine"));
    }

    private void awaitPaused(long chat) throws InterruptedException {
        try (ChatStore store = ChatStores.open(h.store, clock)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!store.alerts().alerts(chat).orElseThrow().paused() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat("paused after Telegram refused the chat", store.alerts().alerts(chat).orElseThrow().paused(),
                    is(true));
        }
    }

    @Test
    void rainComingIsAlertedOnceAcrossChecksAndARestart() throws Exception {
        // Wet hours 13:00-16:00 local: timestamps 12:00Z to 14:00Z end them.
        rain(Instant.parse("2026-01-15T12:00:00Z"), Instant.parse("2026-01-15T14:00:00Z"));
        alertsOnInKyiv(1);
        alertsOnInKyiv(2);

        String text = awaitScheduled(1, 1).getFirst().plainText();
        assertThat(text, allOf(containsString("Rain in Kyiv, Kyiv City, Ukraine from 13:00"),
                containsString("about 3.0 mm until 16:00"), containsString("/alerts off")));
        awaitScheduled(2, 1);

        // The forecast moves the rain an hour later: still the same spell; one forecast for both chats.
        rain(Instant.parse("2026-01-15T13:00:00Z"), Instant.parse("2026-01-15T15:00:00Z"));
        nextCheckAt(START.plus(Duration.ofHours(1)));
        assertStillScheduled(1, 1);

        h.stop();
        int before = h.meteo.forecastCalls().size();
        clock.set(START.plus(Duration.ofMinutes(150)));
        h.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (h.meteo.forecastCalls().size() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat("the overdue check after the restart", h.meteo.forecastCalls().size(), is(before + 1));
        assertStillScheduled(1, 1);
        assertStillScheduled(2, 1);
        assertThat(ask(1, "/alerts", "en"), allOf(containsString("Weather alerts are on for Kyiv"),
                containsString("Last alert, 15 Jan 12:00"), containsString("Rain in Kyiv")));
    }

    @Test
    void aNewSpellAfterADryGapIsAlertedAgain() throws Exception {
        rain(Instant.parse("2026-01-15T12:00:00Z"), Instant.parse("2026-01-15T12:00:00Z"));
        alertsOnInKyiv(1);
        awaitScheduled(1, 1);

        rain(Instant.parse("2026-01-15T18:00:00Z"), Instant.parse("2026-01-15T18:00:00Z"));
        nextCheckAt(Instant.parse("2026-01-15T16:10:00Z"));

        assertThat(awaitScheduled(1, 2).get(1).plainText(), containsString("from 19:00"));
    }

    @Test
    void atNightOnlySevereWeatherIsAlertedAndTheRestWaitsForTheMorning() throws Exception {
        alertsOnInKyiv(1);
        assertStillScheduled(1, 0);

        // 23:30 local: gusts of 70 km/h all night are held, a thunderstorm is not.
        Instant night = Instant.parse("2026-01-15T21:30:00Z");
        h.meteo.hourlyWeather(t -> t.isAfter(night) && t.isBefore(Instant.parse("2026-01-16T09:00:00Z"))
                ? Hour.FAIR.withGusts(70).withCode(t.equals(Instant.parse("2026-01-15T23:00:00Z")) ? 95 : 2)
                : Hour.FAIR);
        nextCheckAt(night);
        assertThat(awaitScheduled(1, 1).getFirst().plainText(), containsString("Thunderstorm"));
        assertStillScheduled(1, 1);

        nextCheckAt(Instant.parse("2026-01-16T05:05:00Z"));
        assertThat(awaitScheduled(1, 2).get(1).plainText(), allOf(containsString("Gusts up to 70 km/h"),
                containsString("now")));
    }

    @Test
    void aClaimLeftByAKilledInstanceIsSentOnceAfterTheLease() throws Exception {
        h.stop();
        AlertDelivery left = new AlertDelivery(5, AlertKind.GUSTS, "2026-01-15T10:00:00Z",
                START.plus(Duration.ofHours(3)), "💨 <b>Gusts up to 70 km/h</b> in Kyiv now, until 15:00.");
        try (ChatStore store = ChatStores.open(h.store, clock)) {
            store.home(5, KYIV);
            AlertSubscription on = new AlertSubscription(5, KYIV, "en", false);
            store.alerts().subscribe(on, START);
            assertThat(store.alerts().claim(on.placeKey() + "|METRIC", List.of(), List.of(left), "killed", START),
                    hasSize(1));
        }

        clock.set(START.plusSeconds(60));
        h.start();
        assertStillScheduled(5, 0);

        clock.set(START.plus(Duration.ofMinutes(5)));
        assertThat(awaitScheduled(5, 1).getFirst().plainText(), containsString("Gusts up to 70 km/h"));
        clock.set(START.plus(Duration.ofMinutes(11)));
        assertStillScheduled(5, 1);
    }

    @Test
    void aChatThatBlockedTheBotIsPausedAndResumesWhenItWritesAgain() throws Exception {
        alertsOnInKyiv(1);
        h.telegram.blockedBy(1);
        rain(Instant.parse("2026-01-15T12:00:00Z"), Instant.parse("2026-01-15T13:00:00Z"));
        nextCheckAt(START.plus(Duration.ofMinutes(55)));
        awaitPaused(1);
        h.telegram.reachable(1);

        h.meteo.hourlyWeather(t -> Hour.FAIR.withGusts(65));
        clock.set(START.plus(Duration.ofHours(2)));
        assertStillScheduled(1, 0);

        assertThat(ask(1, "/alerts", "en"), allOf(containsString("were paused"), containsString("No alert sent yet")));
        nextCheckAt(START.plus(Duration.ofHours(3)));
        assertThat(awaitScheduled(1, 1).getFirst().plainText(), containsString("Gusts up to 65 km/h"));
    }

    @Test
    void forgetMeEndsTheAlertsAndTheirPlacesCheck() throws Exception {
        alertsOnInKyiv(1);

        assertThat(ask(1, "/forget_me", "en"), containsString("Deleted everything"));

        try (ChatStore store = ChatStores.open(h.store, clock)) {
            assertThat(store.alerts().alerts(1).isPresent(), is(false));
            assertThat(store.alerts().dueChecks(START.plus(Duration.ofDays(1)), 10), is(empty()));
        }
        assertThat(ask(1, "/alerts", "en"), not(containsString("are on")));
    }
}
