package dev.weatheragent.e2e;

import dev.weatheragent.fakes.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** /daily's replies in both languages, /settings showing it and /forget_me ending it, through the real wiring. */
class DailyCommandsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** 20:00 in Kyiv: a 07:30 forecast is tomorrow's. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T18:00:00Z"));
    private BotHarness h;

    @BeforeEach
    void start() throws Exception {
        h = new BotHarness(clock).start();
    }

    @AfterEach
    void stop() throws Exception {
        h.closeCheckingSpec();
    }

    private String ask(long chat, String text, String language) throws InterruptedException {
        return h.ask(chat, text, language, WAIT).plainText();
    }

    @Test
    void withoutAHomeItSaysHowToSetOneAndBadTimesGetAHint() throws Exception {
        assertThat(ask(1, "/daily", "en"), allOf(containsString("No daily forecast yet"),
                containsString("/daily 07:30")));
        assertThat(ask(1, "/daily 7:30", "en"), containsString("set it first with /home Kyiv"));
        for (String bad : new String[]{"24:00", "7:60", "7pm"}) {
            assertThat(ask(1, "/daily " + bad, "en"), allOf(containsString("“" + bad + "” is not a time"),
                    containsString("/daily 7.30")));
        }
        assertThat(ask(1, "/daily 25:00", "uk"), containsString("не схоже на час"));
        assertThat(ask(1, "/daily 7:30", "uk"), containsString("/home Київ"));
    }

    @Test
    void subscribeShowChangePlaceAndEnd() throws Exception {
        ask(1, "/home Kyiv", "en");
        ask(1, "/save work Lviv", "en");

        assertThat(ask(1, "/daily 07:30", "en"), allOf(containsString("Every day at 07:30 local time (Europe/Kyiv)"),
                containsString("Kyiv, Kyiv City, Ukraine"), containsString("The first comes tomorrow")));
        assertThat(ask(1, "/daily", "en"),
                containsString("Daily forecast for Kyiv, Kyiv City, Ukraine every day at 07:30 local time"));
        assertThat(ask(1, "/settings", "en"), containsString("Daily forecast: Kyiv, Kyiv City, Ukraine at 07:30"));

        assertThat(ask(1, "/daily 21.05 work", "en"), allOf(containsString("21:05"), containsString("Lviv"),
                containsString("The first comes today")));
        assertThat(ask(1, "/daily 8:00 gym", "en"), containsString("You have no place named “gym”"));
        assertThat(ask(1, "/daily", "uk"), allOf(containsString("Щоденний прогноз для Lviv"),
                containsString("21:05")));

        assertThat(ask(1, "/daily off", "en"), containsString("Daily forecast ended"));
        assertThat(ask(1, "/daily off", "en"), containsString("There was no daily forecast"));
        assertThat(ask(1, "/settings", "en"), containsString("Daily forecast: none"));
    }

    @Test
    void aForecastForTheHomeMovesWithItOneForASavedPlaceStays() throws Exception {
        ask(1, "/home Kyiv", "en");
        ask(1, "/daily 7:30", "en");
        assertThat(ask(1, "/home Paris", "en"), allOf(containsString("Home place set to Paris"),
                containsString("Your daily forecast moves with it: every day at 07:30 local time (Europe/Paris)")));
        assertThat(ask(1, "/daily", "en"), allOf(containsString("Daily forecast for Paris"), containsString("07:30"),
                containsString("Europe/Paris")));

        ask(2, "/home Kyiv", "uk");
        ask(2, "/save work Lviv", "uk");
        ask(2, "/daily 7:30 work", "uk");
        assertThat(ask(2, "/home Paris", "uk"), not(containsString("Щоденний прогноз")));
        assertThat(ask(2, "/daily", "uk"), containsString("Щоденний прогноз для Львів"));
    }

    @Test
    void forgetMeEndsTheSubscription() throws Exception {
        ask(1, "/home Kyiv", "en");
        ask(1, "/daily 7:30", "en");

        ask(1, "/forget_me", "en");

        assertThat(ask(1, "/daily", "en"), containsString("No daily forecast yet"));
        assertThat(h.telegram.sentTo(1).getLast().plainText(), not(containsString("Kyiv")));
    }
}
