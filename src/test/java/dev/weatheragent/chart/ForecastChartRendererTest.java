package dev.weatheragent.chart;

import dev.weatheragent.weather.HourlyForecast;
import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

/**
 * Real charts from the real renderer, decoded again: the size Telegram gets, not blank, the series drawn in their
 * colours where there is something to draw, and readable for extremes. Each chart is also written to
 * {@code target/charts/} to look at.
 */
class ForecastChartRendererTest {

    private static final ForecastChartRenderer RENDERER = new ForecastChartRenderer();
    private static final Path OUT = Path.of("target", "charts");

    static ChartLabels labels(String title, Units units, Locale locale) {
        boolean uk = locale.getLanguage().equals("uk");
        String t = units == Units.IMPERIAL ? "°F" : "°C";
        String p = units == Units.IMPERIAL ? (uk ? "дюйм." : "in") : (uk ? "мм" : "mm");
        return uk
                ? new ChartLabels(title, "Прогноз, місцевий час", "Температура, " + t, "Опади, " + p,
                "Імовірність опадів, %", t, p, "Опадів не очікується", "зараз", "Weather data by Open-Meteo.com",
                locale)
                : new ChartLabels(title, "Forecast, local time", "Temperature, " + t, "Precipitation, " + p,
                "Chance of precipitation, %", t, p, "No precipitation expected", "now",
                "Weather data by Open-Meteo.com", locale);
    }

    private static BufferedImage render(String name, HourlyForecast forecast, int days, Units units, Locale locale,
                                        Instant now) throws IOException {
        ChartData data = ChartData.of(forecast, days, units, now);
        byte[] png = RENDERER.render(data, labels(name, units, locale));
        assertThat("PNG signature", png[1] == 'P' && png[2] == 'N' && png[3] == 'G', is(true));
        assertThat("small enough to upload quickly", png.length, lessThan(400_000));
        Files.createDirectories(OUT);
        Files.write(OUT.resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + ".png"), png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth(), equalTo(1200));
        assertThat(image.getHeight(), equalTo(700));
        assertThat("a drawn chart, not a blank picture", colours(image), greaterThan(100));
        return image;
    }

    private static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    /** Pixels of exactly this colour: the inside of a line or bar, where antialiasing does not reach. */
    private static int pixels(BufferedImage image, Color colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static Instant noonIn(String zone, LocalDate date) {
        return date.atTime(12, 0).atZone(ZoneId.of(zone)).toInstant();
    }

    @ParameterizedTest(name = "{0}, {1} days, {2}, {3}")
    @CsvSource({
            "Europe/Kyiv,       3, METRIC,   en, 5",
            "Pacific/Apia,      7, METRIC,   en, 27",
            "Pacific/Pago_Pago, 1, IMPERIAL, en, 80",
            "America/St_Johns,  5, IMPERIAL, uk, 40",
            "Asia/Kathmandu,    2, METRIC,   uk, 12"})
    void placesUnitsAndLanguages(String zone, int days, Units units, String language, double base)
            throws IOException {
        LocalDate today = LocalDate.of(2026, 11, 28);
        BufferedImage image = render(zone + " " + days + " " + units + " " + language,
                Forecasts.typical(zone, today, base), days, units, Locale.of(language), noonIn(zone, today));
        assertThat("temperature line", pixels(image, ForecastChartRenderer.TEMPERATURE), greaterThan(500));
        assertThat("precipitation bars", pixels(image, ForecastChartRenderer.PRECIPITATION), greaterThan(50));
    }

    @Test
    void fortyBelowAndAWeekWithoutAnyRain() throws IOException {
        LocalDate today = LocalDate.of(2026, 1, 10);
        HourlyForecast yakutsk = Forecasts.hourly("Asia/Yakutsk", today, 7, i -> -40 - 6 * Math.sin(i / 4.0),
                i -> 0.0, i -> 0);
        BufferedImage image = render("Yakutsk -40", yakutsk, 7, Units.METRIC, Locale.ENGLISH,
                noonIn("Asia/Yakutsk", today));
        assertThat(pixels(image, ForecastChartRenderer.TEMPERATURE), greaterThan(500));
        assertThat("no bars when nothing falls", pixels(image, ForecastChartRenderer.PRECIPITATION), lessThan(200));
    }

    @Test
    void threeHundredMillimetresInAnHourInTheHeat() throws IOException {
        LocalDate today = LocalDate.of(2026, 7, 20);
        HourlyForecast storm = Forecasts.hourly("Asia/Kolkata", today, 3, i -> 44 + 4 * Math.sin(i / 4.0),
                i -> i == 40 ? 300.0 : i % 7 == 0 ? 12.0 : 0.0, i -> 100);
        BufferedImage image = render("Cherrapunji 300 mm", storm, 3, Units.METRIC, Locale.ENGLISH,
                noonIn("Asia/Kolkata", today));
        assertThat(pixels(image, ForecastChartRenderer.PRECIPITATION), greaterThan(1000));
    }

    @Test
    void missingValuesAndAllNullTemperaturesStillDraw() throws IOException {
        LocalDate today = LocalDate.of(2026, 11, 28);
        HourlyForecast gaps = Forecasts.hourly("UTC", today, 2, i -> i % 10 < 3 ? null : 5.0 + i % 10,
                i -> i % 10 < 3 ? null : 0.5, i -> null);
        render("Gaps", gaps, 2, Units.METRIC, Locale.ENGLISH, noonIn("UTC", today));
        HourlyForecast nothing = Forecasts.hourly("UTC", today, 1, i -> null, i -> null, i -> null);
        render("Nothing", nothing, 1, Units.METRIC, Locale.ENGLISH, noonIn("UTC", today));
    }

    @Test
    void aVeryLongPlaceNameIsShortenedNotOverflowing() throws IOException {
        LocalDate today = LocalDate.of(2026, 11, 28);
        render("Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch, Wales, United Kingdom of Great Britain"
                        + " and Northern Ireland <b>&amp;</b>", Forecasts.typical("Europe/London", today, 8), 4,
                Units.METRIC, Locale.ENGLISH, noonIn("Europe/London", today));
    }

    @AfterAll
    static void drewHeadless() {
        assertThat("charts are drawn without a display", GraphicsEnvironment.isHeadless(), is(true));
    }
}
