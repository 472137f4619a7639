package dev.weatheragent.bot;

import dev.weatheragent.telegram.Html;
import dev.weatheragent.weather.Forecast;
import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

class WeatherFormatterTest {

    /** Saturday 28 November 2026, 12:15 UTC: 14:15 in Kyiv, already Sunday 01:15 in Apia. */
    private static final Instant NOW = Instant.parse("2026-11-28T12:15:00Z");

    private static final Texts EN = Texts.forLanguage("en");
    private static final Texts UK = Texts.forLanguage("uk");

    private static WeatherFormatter formatterAt(Instant instant) {
        return new WeatherFormatter(Clock.fixed(instant, ZoneOffset.UTC));
    }

    private final WeatherFormatter formatter = formatterAt(NOW);

    private static Forecast.Current current(Double temperature, Double feelsLike, Integer code, Double wind,
                                            Double direction, Double gusts, Double humidity) {
        return new Forecast.Current("2026-11-28T14:15", temperature, feelsLike, humidity, code, wind, direction,
                gusts, 1);
    }

    /** Days from {@code first}, with distinct values per day so rows can be told apart: min -i, max 10+i. */
    private static Forecast.Daily daily(String first, int days) {
        LocalDate start = LocalDate.parse(first);
        List<String> time = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        List<Double> min = new ArrayList<>();
        List<Double> sum = new ArrayList<>();
        List<Integer> chance = new ArrayList<>();
        int[] cycle = {0, 3, 61, 71, 95};
        for (int i = 0; i < days; i++) {
            time.add(start.plusDays(i).toString());
            codes.add(cycle[i % cycle.length]);
            max.add(10.0 + i);
            min.add((double) -i);
            sum.add(i * 1.25);
            chance.add(i * 5);
        }
        return new Forecast.Daily(time, codes, max, min, sum, chance);
    }

    private static Forecast kyiv(Forecast.Current current, Forecast.Daily daily) {
        return new Forecast(50.45, 30.52, "Europe/Kyiv", 7200, current, daily);
    }

    private static Forecast.Current typicalKyiv() {
        return current(3.4, -1.2, 3, 14.0, 225.0, 28.6, 87.0);
    }

    // ---- a small checker for Telegram's HTML parse mode, as used by these replies ----

    private static final Pattern TAG = Pattern.compile("<(/?)(b|i|code)>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot);");

    /** Fails unless the HTML is what Telegram accepts: known tags, balanced and nested, no stray {@code < > &}. */
    static void assertTelegramHtml(String html) {
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                Matcher m = TAG.matcher(html).region(i, html.length());
                assertThat("unsupported tag at " + i + " in:\n" + html, m.lookingAt(), is(true));
                if (m.group(1).isEmpty()) {
                    open.push(m.group(2));
                } else {
                    assertThat("unmatched </" + m.group(2) + "> in:\n" + html, open.isEmpty(), is(false));
                    assertThat("misnested </" + m.group(2) + "> in:\n" + html, open.pop(), is(m.group(2)));
                }
                i = m.end();
            } else if (c == '&') {
                Matcher m = ENTITY.matcher(html).region(i, html.length());
                assertThat("bare & at " + i + " in:\n" + html, m.lookingAt(), is(true));
                i = m.end();
            } else {
                assertThat("bare > at " + i + " in:\n" + html, c == '>', is(false));
                assertThat("lone surrogate at " + i, Character.isSurrogate(c)
                        && !(Character.isHighSurrogate(c) && i + 1 < html.length()
                        && Character.isLowSurrogate(html.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
                        && Character.isHighSurrogate(html.charAt(i - 1))), is(false));
                i++;
            }
        }
        assertThat("unclosed tags " + open + " in:\n" + html, open.isEmpty(), is(true));
    }

    @Test
    void htmlCheckerCatchesBrokenHtml() {
        // The checker must be able to fail, or the HTML assertions below prove nothing.
        for (String bad : List.of("<b>x", "x</b>", "<b><i>x</b></i>", "a & b", "a > b", "<u>x</u>", "<b>x</i>")) {
            AssertionError error = null;
            try {
                assertTelegramHtml(bad);
            } catch (AssertionError e) {
                error = e;
            }
            assertThat(bad, error != null, is(true));
        }
        assertTelegramHtml("<b>a &amp; <i>b</i></b> &lt;3");
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n"));
    }

    // ---- now() ----

    @Test
    void kyivNowInMetric() {
        String text = formatter.now("Kyiv, Ukraine", kyiv(typicalKyiv(), daily("2026-11-28", 3)), Units.METRIC, EN);

        assertThat(lines(text), is(List.of(
                "<b>Kyiv, Ukraine</b>",
                "🕒 Sat 28 Nov, 14:15 local time",
                "☁️ Overcast, <b>3 °C</b>, feels like -1 °C",
                "💨 Wind 14 km/h SW, gusts 29 km/h",
                "💧 Humidity 87%",
                "☔ Chance of precipitation today: 0%",
                "🌡 Today: 0…10 °C")));
        assertTelegramHtml(text);
    }

    @Test
    void kyivNowTakesTodayFromTheLocalDate() {
        // Data starting yesterday: the "today" values are the second day's.
        String text = formatter.now("Kyiv", kyiv(typicalKyiv(), daily("2026-11-27", 3)), Units.METRIC, EN);
        assertThat(text, containsString("☔ Chance of precipitation today: 5%\n"));
        assertThat(text, containsString("🌡 Today: -1…11 °C"));
    }

    @Test
    void kyivLocalTimeFollowsSummerTime() {
        Instant july = Instant.parse("2026-07-01T21:30:00Z");
        String text = formatterAt(july).now("Kyiv", kyiv(typicalKyiv(), daily("2026-07-02", 2)), Units.METRIC, EN);
        // UTC+3 in summer: already the 2nd of July, and today's row is the first day.
        assertThat(text, containsString("🕒 Thu 2 Jul, 00:30 local time"));
        assertThat(text, containsString("🌡 Today: 0…10 °C"));
    }

    @Test
    void imperialUnitLabels() {
        Forecast.Current c = current(38.1, 30.4, 0, 8.7, 90.0, 15.2, 40.0);
        String now = formatter.now("Kyiv", kyiv(c, daily("2026-11-28", 3)), Units.IMPERIAL, EN);
        assertThat(now, containsString("<b>38 °F</b>, feels like 30 °F"));
        assertThat(now, containsString("Wind 9 mph E, gusts 15 mph"));
        assertThat(now, containsString("Today: 0…10 °F"));
        assertThat(now, not(containsString("°C")));
        assertThat(now, not(containsString("km/h")));

        String days = formatter.days("Kyiv", kyiv(c, daily("2026-11-28", 3)), 3, Units.IMPERIAL, EN);
        assertThat(days, containsString("<b>Sun 29 Nov</b>: -1…11 °F, ☁️ Overcast, 1.25 in (5%)"));
        assertThat(days, containsString("0.00 in (0%)"));
        assertThat(days, not(containsString("mm")));
        assertTelegramHtml(now);
        assertTelegramHtml(days);
    }

    @Test
    void ukrainianTexts() {
        String now = formatter.now("Київ", kyiv(typicalKyiv(), daily("2026-11-28", 3)), Units.METRIC, UK);
        List<String> lines = lines(now);
        assertThat(lines.get(0), is("<b>Київ</b>"));
        assertThat(lines.get(1), startsWith("🕒 сб 28 лист., 14:15 місцевий час"));
        assertThat(lines.get(2), is("☁️ Хмарно, <b>3 °C</b>, відчувається як -1 °C"));
        assertThat(lines.get(3), is("💨 Вітер 14 км/год ПдЗх, пориви 29 км/год"));
        assertThat(lines.get(4), is("💧 Вологість 87%"));
        assertThat(lines.get(5), is("☔ Імовірність опадів сьогодні: 0%"));
        assertThat(lines.get(6), is("🌡 Сьогодні: 0…10 °C"));
        assertTelegramHtml(now);

        String days = formatter.days("Київ", kyiv(typicalKyiv(), daily("2026-11-28", 7)), 7, Units.METRIC, UK);
        List<String> rows = lines(days);
        assertThat(rows.get(0), is("<b>Київ</b> — Прогноз на 7 дн."));
        List<String> weekdays = rows.subList(1, 8).stream()
                .map(r -> r.substring("<b>".length(), r.indexOf(' '))).toList();
        assertThat(weekdays, is(List.of("сб", "нд", "пн", "вт", "ср", "чт", "пт")));
        assertThat(rows.get(3), containsString("Невеликий дощ, 2.5 мм (10%)"));
        assertThat(days, not(containsString("Sat")));
        assertTelegramHtml(days);
    }

    @Test
    void ukrainianImperialUnits() {
        String days = formatter.days("Київ", kyiv(typicalKyiv(), daily("2026-11-28", 2)), 2, Units.IMPERIAL, UK);
        assertThat(days, containsString("°F"));
        assertThat(days, containsString("1.25 дюйм."));
        String now = formatter.now("Київ", kyiv(typicalKyiv(), daily("2026-11-28", 2)), Units.IMPERIAL, UK);
        assertThat(now, containsString("14 миль/год"));
    }

    @Test
    void missingCurrentValuesAreDashes() {
        Forecast.Current empty = new Forecast.Current(null, null, null, null, null, null, null, null, null);
        String text = formatter.now("Kyiv", kyiv(empty, daily("2026-11-28", 1)), Units.METRIC, EN);

        assertThat(lines(text), is(List.of(
                "<b>Kyiv</b>",
                "🕒 Sat 28 Nov, 14:15 local time",
                "🌡 Conditions unknown, <b>—</b>, feels like —",
                "💨 Wind — km/h",
                "☔ Chance of precipitation today: 0%",
                "🌡 Today: 0…10 °C")));
        assertTelegramHtml(text);
    }

    @Test
    void missingDailyValuesAreDashes() {
        List<String> time = List.of("2026-11-28", "2026-11-29");
        Forecast.Daily holes = new Forecast.Daily(time, Arrays.asList(null, 3), Arrays.asList(null, 5.0),
                Arrays.asList(null, 1.0), Arrays.asList((Double) null, null), Arrays.asList(null, null));
        Forecast forecast = kyiv(typicalKyiv(), holes);

        String now = formatter.now("Kyiv", forecast, Units.METRIC, EN);
        assertThat(now, containsString("☔ Chance of precipitation today: —\n"));
        assertThat(now, containsString("🌡 Today: —…— °C"));

        String days = formatter.days("Kyiv", forecast, 2, Units.METRIC, EN);
        assertThat(lines(days), is(List.of(
                "<b>Kyiv</b> — 2-day forecast",
                "<b>Sat 28 Nov</b>: —…— °C, 🌡 Conditions unknown, — mm (—)",
                "<b>Sun 29 Nov</b>: 1…5 °C, ☁️ Overcast, — mm (—)")));
        assertTelegramHtml(days);
    }

    @Test
    void missingDailyListsAreDashes() {
        Forecast.Daily onlyDates = new Forecast.Daily(List.of("2026-11-28"), null, null, null, null, null);
        String days = formatter.days("Kyiv", kyiv(typicalKyiv(), onlyDates), 3, Units.METRIC, EN);
        assertThat(lines(days), is(List.of(
                "<b>Kyiv</b> — 1-day forecast",
                "<b>Sat 28 Nov</b>: —…— °C, 🌡 Conditions unknown, — mm (—)")));
        String now = formatter.now("Kyiv", kyiv(typicalKyiv(), onlyDates), Units.METRIC, EN);
        assertThat(now, containsString("🌡 Today: —…— °C"));
    }

    @Test
    void noDailyDataLeavesOutTheTodayLines() {
        Forecast.Daily none = new Forecast.Daily(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        String now = formatter.now("Kyiv", kyiv(typicalKyiv(), none), Units.METRIC, EN);
        assertThat(now, not(containsString("Today")));
        assertThat(now, not(containsString("precipitation")));
        assertThat(formatter.days("Kyiv", kyiv(typicalKyiv(), none), 3, Units.METRIC, EN),
                is("<b>Kyiv</b> — 0-day forecast"));
    }

    @Test
    void unparseableDateIsShownAsIs() {
        Forecast.Daily odd = new Forecast.Daily(Arrays.asList("someday", null), List.of(0, 0), List.of(1.0, 1.0),
                List.of(0.0, 0.0), List.of(0.0, 0.0), List.of(0, 0));
        String days = formatter.days("Kyiv", kyiv(typicalKyiv(), odd), 2, Units.METRIC, EN);
        assertThat(days, containsString("<b>someday</b>: "));
        assertThat(days, containsString("<b>—</b>: "));
    }

    // ---- across the date line ----

    @Test
    void apiaTodayIsApiasLocalDate() {
        // 12:15 UTC on the 28th is 01:15 on the 29th in Apia (UTC+13); Open-Meteo's days may start on the 28th.
        Forecast apia = new Forecast(-13.83, -171.76, "Pacific/Apia", 13 * 3600,
                current(27.0, 30.0, 2, 10.0, 90.0, null, 80.0), daily("2026-11-28", 5));

        String now = formatter.now("Apia, Samoa", apia, Units.METRIC, EN);
        assertThat(now, containsString("🕒 Sun 29 Nov, 01:15 local time"));
        assertThat(now, containsString("☔ Chance of precipitation today: 5%"));
        assertThat(now, containsString("🌡 Today: -1…11 °C"));

        String days = formatter.days("Apia, Samoa", apia, 3, Units.METRIC, EN);
        List<String> rows = lines(days);
        assertThat(rows, hasSize(4));
        assertThat(rows.get(0), is("<b>Apia, Samoa</b> — 3-day forecast"));
        assertThat(rows.get(1), startsWith("<b>Sun 29 Nov</b>: -1…11 °C"));
        assertThat(rows.get(2), startsWith("<b>Mon 30 Nov</b>"));
        assertThat(rows.get(3), startsWith("<b>Tue 1 Dec</b>"));
        assertTelegramHtml(days);
    }

    @Test
    void kiritimatiIsFourteenHoursAhead() {
        Forecast kiritimati = new Forecast(1.87, -157.4, "Pacific/Kiritimati", 14 * 3600,
                current(28.0, 32.0, 80, 20.0, 45.0, 30.0, 75.0), daily("2026-11-28", 4));

        // 09:59 UTC is 23:59 on the 28th there...
        WeatherFormatter before = formatterAt(Instant.parse("2026-11-28T09:59:00Z"));
        assertThat(before.now("Kiritimati", kiritimati, Units.METRIC, EN), containsString("Sat 28 Nov, 23:59"));
        assertThat(before.days("Kiritimati", kiritimati, 1, Units.METRIC, EN), containsString("<b>Sat 28 Nov</b>"));

        // ...and 10:00 UTC is midnight of the 29th.
        WeatherFormatter after = formatterAt(Instant.parse("2026-11-28T10:00:00Z"));
        String now = after.now("Kiritimati", kiritimati, Units.METRIC, EN);
        assertThat(now, containsString("Sun 29 Nov, 00:00"));
        assertThat(now, containsString("Today: -1…11 °C"));
        assertThat(now, containsString("🌦 Light rain showers"));
        assertThat(now, containsString("Wind 20 km/h NE, gusts 30 km/h"));
        String days = after.days("Kiritimati", kiritimati, 1, Units.METRIC, EN);
        assertThat(lines(days), hasSize(2));
        assertThat(days, containsString("<b>Sun 29 Nov</b>"));
    }

    @Test
    void unknownZoneFallsBackToTheUtcOffset() {
        Forecast odd = new Forecast(0, 0, "Mars/Olympus_Mons", 5 * 3600 + 1800, typicalKyiv(), daily("2026-11-28", 2));
        assertThat(formatter.now("X", odd, Units.METRIC, EN), containsString("Sat 28 Nov, 17:45 local time"));
        Forecast noZone = new Forecast(0, 0, null, -10 * 3600, typicalKyiv(), daily("2026-11-28", 2));
        assertThat(formatter.now("X", noZone, Units.METRIC, EN), containsString("Sat 28 Nov, 02:15 local time"));
    }

    // ---- extremes ----

    @Test
    void extremeValues() {
        Forecast.Current cold = current(-40.0, -52.6, 75, 120.4, 0.0, 180.0, 100.0);
        Forecast.Daily wet = new Forecast.Daily(List.of("2026-11-28"), List.of(65), List.of(-30.2),
                List.of(-40.0), List.of(300.0), List.of(100));
        Forecast forecast = kyiv(cold, wet);

        String now = formatter.now("Kyiv", forecast, Units.METRIC, EN);
        assertThat(now, containsString("<b>-40 °C</b>, feels like -53 °C"));
        assertThat(now, containsString("Wind 120 km/h N, gusts 180 km/h"));
        assertThat(now, containsString("Humidity 100%"));
        assertThat(now, containsString("Today: -40…-30 °C"));
        assertThat(now, containsString("today: 100%"));

        String days = formatter.days("Kyiv", forecast, 1, Units.METRIC, EN);
        assertThat(days, containsString("-40…-30 °C, 🌧 Heavy rain, 300.0 mm (100%)"));
        assertTelegramHtml(now);
        assertTelegramHtml(days);
    }

    @Test
    void smallNegativeValuesDoNotShowMinusZero() {
        Forecast.Current c = current(-0.4, -0.2, 0, 0.0, null, null, null);
        String now = formatter.now("Kyiv", kyiv(c, daily("2026-11-28", 1)), Units.METRIC, EN);
        assertThat(now, containsString("<b>0 °C</b>, feels like 0 °C"));
        assertThat(now, not(containsString("-0")));
        // No direction or gusts: nothing dangling after the speed.
        assertThat(now, containsString("💨 Wind 0 km/h\n"));
        assertThat(now, not(containsString("Humidity")));
    }

    // ---- days() ----

    @Test
    void kyivForecastRows() {
        String text = formatter.days("Kyiv, Ukraine", kyiv(typicalKyiv(), daily("2026-11-28", 16)), 3,
                Units.METRIC, EN);
        assertThat(lines(text), is(List.of(
                "<b>Kyiv, Ukraine</b> — 3-day forecast",
                "<b>Sat 28 Nov</b>: 0…10 °C, ☀️ Clear sky, 0.0 mm (0%)",
                "<b>Sun 29 Nov</b>: -1…11 °C, ☁️ Overcast, 1.3 mm (5%)",
                "<b>Mon 30 Nov</b>: -2…12 °C, 🌦 Light rain, 2.5 mm (10%)")));
        assertTelegramHtml(text);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "3,3", "7,7", "16,16"})
    void daysLimitedToTheRequestedCount(int requested, int expected) {
        String text = formatter.days("Kyiv", kyiv(typicalKyiv(), daily("2026-11-28", 16)), requested,
                Units.METRIC, EN);
        assertThat(lines(text), hasSize(expected + 1));
        assertThat(lines(text).get(0), is("<b>Kyiv</b> — " + expected + "-day forecast"));
    }

    @Test
    void daysLimitedToTheDataAvailable() {
        String text = formatter.days("Kyiv", kyiv(typicalKyiv(), daily("2026-11-28", 5)), 16, Units.METRIC, EN);
        assertThat(lines(text), hasSize(6));
        assertThat(lines(text).get(0), is("<b>Kyiv</b> — 5-day forecast"));
        assertThat(lines(text).get(5), startsWith("<b>Wed 2 Dec</b>"));
    }

    @Test
    void daysStartFromLocalTodayAndCountOnlyWhatIsLeft() {
        // Data from two days ago: past days are skipped, and only the rest can be shown.
        String text = formatter.days("Kyiv", kyiv(typicalKyiv(), daily("2026-11-26", 5)), 16, Units.METRIC, EN);
        assertThat(lines(text), hasSize(4));
        assertThat(lines(text).get(0), is("<b>Kyiv</b> — 3-day forecast"));
        assertThat(lines(text).get(1), startsWith("<b>Sat 28 Nov</b>"));
    }

    @Test
    void escapedTitleStaysValidHtml() {
        String title = Html.escape("Tom & Jerry's <Place> \"Quoted\"");
        Forecast forecast = kyiv(typicalKyiv(), daily("2026-11-28", 3));
        String now = formatter.now(title, forecast, Units.METRIC, EN);
        String days = formatter.days(title, forecast, 3, Units.METRIC, EN);
        assertTelegramHtml(now);
        assertTelegramHtml(days);
        assertThat(Html.toPlainText(now), startsWith("Tom & Jerry's <Place> \"Quoted\"\n"));
        assertThat(Html.toPlainText(days), startsWith("Tom & Jerry's <Place> \"Quoted\" — 3-day forecast\n"));
    }

    // ---- compass ----

    @ParameterizedTest
    @CsvSource({"0,N,Пн", "45,NE,ПнСх", "90,E,Сх", "135,SE,ПдСх", "180,S,Пд", "225,SW,ПдЗх", "270,W,Зх",
            "315,NW,ПнЗх", "359,N,Пн", "360,N,Пн", "22.4,N,Пн", "22.5,NE,ПнСх", "337.4,NW,ПнЗх", "337.5,N,Пн",
            "-45,NW,ПнЗх", "720,N,Пн"})
    void compassPoints(double degrees, String english, String ukrainian) {
        Forecast.Current c = current(1.0, 1.0, 0, 10.0, degrees, null, null);
        Forecast forecast = kyiv(c, daily("2026-11-28", 1));
        assertThat(formatter.now("K", forecast, Units.METRIC, EN), containsString("Wind 10 km/h " + english + "\n"));
        assertThat(formatter.now("K", forecast, Units.METRIC, UK),
                containsString("Вітер 10 км/год " + ukrainian + "\n"));
    }
}
