package dev.weatheragent.e2e;

import dev.weatheragent.fakes.FakeOpenMeteo.Hour;
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

/** {@code /alerts} on, off and its status in English and Ukrainian, and {@code /settings} showing it. */
class AlertCommandsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
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

    @Test
    void inEnglish() throws Exception {
        assertThat(ask(1, "/alerts on", "en"), containsString("set it first with /home Kyiv"));
        ask(1, "/home Kyiv", "en");
        assertThat(ask(1, "/alerts", "en"), allOf(containsString("Weather alerts are off"),
                containsString("/alerts on alerts you for your home place")));
        assertThat(ask(1, "/alerts maybe", "en"), containsString("between 22:00 and 07:00 only thunderstorms"));

        assertThat(ask(1, "/alerts on", "en"), containsString("Weather alerts on for Kyiv, Kyiv City, Ukraine"));
        assertThat(ask(1, "/alerts", "en"), allOf(containsString("Weather alerts are on for Kyiv"),
                containsString("No alert sent yet")));
        assertThat(ask(1, "/settings", "en"), containsString("Weather alerts: on, for Kyiv, Kyiv City, Ukraine"));

        assertThat(ask(1, "/alerts off", "en"), containsString("Weather alerts ended"));
        assertThat(ask(1, "/alerts off", "en"), containsString("Weather alerts were not on"));
        assertThat(ask(1, "/settings", "en"), allOf(containsString("Weather alerts: off"),
                not(containsString("on, for"))));
        assertThat(ask(1, "/help", "en"), containsString("/alerts on|off"));
    }

    @Test
    void inUkrainian() throws Exception {
        assertThat(ask(2, "/alerts on", "uk"), containsString("спершу задайте його"));
        ask(2, "/home Київ", "uk");

        assertThat(ask(2, "/alerts on", "uk"), containsString("Попередження про погоду для Київ"));
        assertThat(ask(2, "/alerts", "uk"), allOf(containsString("ввімкнено для Київ"),
                containsString("Попереджень ще не було")));
        assertThat(ask(2, "/settings", "uk"), containsString("Попередження про погоду: увімкнено, для Київ"));
        assertThat(ask(2, "/alerts off", "uk"), containsString("Попередження про погоду вимкнено"));
        assertThat(ask(2, "/help", "uk"), containsString("/alerts on|off"));
    }

    @Test
    void alertsMoveWithTheHomePlace() throws Exception {
        ask(3, "/home Kyiv", "en");
        assertThat(ask(3, "/home Lviv", "en"), not(containsString("Weather alerts")));
        ask(3, "/alerts on", "en");
        assertThat(ask(3, "/home Paris", "en"), allOf(containsString("Home place set to Paris"),
                containsString("Weather alerts are for the new home place now")));
        assertThat(ask(3, "/alerts", "en"), containsString("Weather alerts are on for Paris"));
        assertThat(ask(3, "/home Kyiv", "uk"), containsString("Попередження про погоду тепер для нового"));
    }
}
