package dev.weatheragent.e2e;

import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.FakeTelegram.Photo;
import dev.weatheragent.fakes.FakeTelegram.Sent;
import dev.weatheragent.fakes.TestClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * The commands at the moments where dates go wrong: the UTC date is not the place's date, a leap day, the night the
 * clocks change, the turn of the year. The bot and the fakes share a clock set to that moment, so "today" in every
 * answer must be the place's own local date.
 */
class HardMomentsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private static LocalDate localDate(Instant moment, FakeOpenMeteo.Place place) {
        return LocalDate.ofInstant(moment, ZoneId.of(place.timezone()));
    }

    @ParameterizedTest
    @FieldSource("dev.weatheragent.fakes.TestClock#HARD_MOMENTS")
    void weatherAndForecastStartOnThePlacesOwnToday(Instant moment) throws Exception {
        try (BotHarness h = new BotHarness(TestClock.startingAt(moment)).start()) {
            LocalDate kyiv = localDate(moment, FakeOpenMeteo.KYIV);
            Sent now = h.ask(1, "/weather Kyiv", "en", WAIT);
            assertThat(now.plainText(), allOf(containsString("🕒 " + DAY.format(kyiv) + ", "),
                    containsString("Chance of precipitation today: 5%")));
            List<String> days = h.ask(1, "/forecast Kyiv 3", "en", WAIT).plainText().lines().skip(1).toList();
            assertThat(days.stream().map(line -> line.substring(0, line.indexOf(':'))).toList(),
                    equalTo(List.of(DAY.format(kyiv), DAY.format(kyiv.plusDays(1)), DAY.format(kyiv.plusDays(2)))));
            assertThat("today is the first day the forecast holds", days.getFirst(), containsString("(5%)"));
            assertThat(h.telegram.specViolations(), is(empty()));
        }
    }

    /** Apia (UTC+13) and Paris, Texas (UTC-6) are on different dates at most of these moments. */
    @ParameterizedTest
    @FieldSource("dev.weatheragent.fakes.TestClock#HARD_MOMENTS")
    void placesOnBothSidesOfTheDateLineHaveTheirOwnToday(Instant moment) throws Exception {
        try (BotHarness h = new BotHarness(TestClock.startingAt(moment)).start()) {
            String apiaDay = h.ask(2, "/forecast Apia 1", "en", WAIT).plainText().lines().skip(1).findFirst()
                    .orElseThrow();
            assertThat(apiaDay, startsWith(DAY.format(localDate(moment, FakeOpenMeteo.APIA)) + ":"));
            String texasDay = h.ask(2, "/forecast Paris, Texas 1", "en", WAIT).plainText().lines().skip(1).findFirst()
                    .orElseThrow();
            assertThat(texasDay, startsWith(DAY.format(localDate(moment, FakeOpenMeteo.PARIS_TEXAS)) + ":"));
            h.telegram.sendText(2, "/chart Apia 7", "en");
            Photo chart = h.telegram.awaitPhotosTo(2, 1, WAIT).getFirst();
            assertThat(chart.plainCaption(), startsWith("Apia, Tuamasaga, Samoa — 7-day chart"));
            assertThat(h.telegram.specViolations(), is(empty()));
        }
    }
}
