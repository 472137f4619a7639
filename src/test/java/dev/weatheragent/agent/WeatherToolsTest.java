package dev.weatheragent.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.store.ChatStores;
import dev.weatheragent.fakes.FakeHttpServer;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.TestClock;
import dev.weatheragent.weather.CallBudget;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertAll;

class WeatherToolsTest {

    private static final long METRIC_CHAT = 1;
    private static final long IMPERIAL_CHAT = 2;
    private static final double LAT = FakeOpenMeteo.KYIV.latitude();
    private static final double LON = FakeOpenMeteo.KYIV.longitude();

    private final ObjectMapper json = new ObjectMapper();
    /** The fake Open-Meteo's "now", which the tests take their dates from. */
    private final Clock clock = Clock.systemUTC();
    private final FakeOpenMeteo meteo;
    private final WeatherTools tools;

    /** The chats' units in a real SQLite file, as the bot keeps them. */
    private final ChatStore store;

    WeatherToolsTest() throws IOException {
        meteo = new FakeOpenMeteo(clock);
        Files.createDirectories(Path.of("target"));
        store = ChatStores.open(new StoreConfig(Files.createTempDirectory(Path.of("target"), "tools-data-"),
                Optional.empty()), clock);
        store.units(IMPERIAL_CHAT, Units.IMPERIAL);
        tools = tools(meteo, store);
    }

    private static WeatherTools tools(FakeOpenMeteo meteo, ChatStore store) {
        return new WeatherTools(new OpenMeteoClient(meteo.forecastUrl(), meteo.geocodingUrl(), meteo.airQualityUrl(),
                new CallBudget(600, Clock.systemUTC()), BotMetrics.off()),
                store);
    }

    @AfterEach
    void close() throws IOException {
        meteo.close();
        store.close();
    }

    private LocalDate todayInKyiv() {
        return LocalDate.now(clock.withZone(ZoneId.of(FakeOpenMeteo.KYIV.timezone())));
    }

    /** Parses a tool result, checking it is one line of compact JSON without an error. */
    private JsonNode ok(String result) throws IOException {
        JsonNode node = json.readTree(result);
        assertThat(result, node.has("error"), is(false));
        assertThat("compact JSON", result, equalTo(node.toString()));
        return node;
    }

    private JsonNode error(String result) throws IOException {
        JsonNode node = json.readTree(result);
        assertThat(result, node.has("error"), is(true));
        assertThat(result, node.size(), is(1));
        assertThat(result, node.get("error").asText(), not(equalTo("")));
        return node;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void findPlacesReturnsCandidates() throws IOException {
        JsonNode node = ok(tools.findPlaces("Paris", "en"));
        assertThat(node.get("query").asText(), equalTo("Paris"));
        JsonNode candidates = node.get("candidates");
        assertThat(candidates.size(), is(3));
        assertThat("the bot's own choice first, then the geocoder's order", regions(candidates),
                equalTo(List.of("Île-de-France", "Texas", "Tennessee")));
        JsonNode france = candidates.get(0);
        assertThat(france.get("name").asText(), equalTo("Paris"));
        assertThat(france.get("region").asText(), equalTo("Île-de-France"));
        assertThat(france.get("country").asText(), equalTo("France"));
        assertThat(france.get("latitude").asDouble(), is(48.85341));
        assertThat(france.get("longitude").asDouble(), is(2.3488));
        assertThat(france.get("timezone").asText(), equalTo("Europe/Paris"));
        assertThat(france.get("population").asLong(), is(2138551L));
        assertThat(meteo.searchCalls().getLast().get("language"), equalTo("en"));
        assertThat("the search /weather Paris makes, so the two share a cache entry",
                meteo.searchCalls().getLast().get("count"), equalTo("10"));
        assertThat(node.has("unmatched"), is(false));
    }

    private static List<String> regions(JsonNode candidates) {
        List<String> regions = new ArrayList<>();
        candidates.forEach(c -> regions.add(c.get("region").asText()));
        return regions;
    }

    @Test
    void findPlacesReadsARegionOrCountryAfterTheComma() throws IOException {
        JsonNode london = ok(tools.findPlaces("London, UK", "en"));
        assertThat(london.get("query").asText(), equalTo("London, UK"));
        assertThat(regions(london.get("candidates")), equalTo(List.of("England")));
        assertThat(london.has("unmatched"), is(false));
        assertThat(meteo.searchCalls().getLast().get("name"), equalTo("London"));
        assertThat(meteo.searchCalls().getLast().get("countryCode"), equalTo("GB"));
        assertThat(regions(ok(tools.findPlaces("Portland, USA", "en")).get("candidates")),
                equalTo(List.of("Oregon", "Maine")));
    }

    @Test
    void findPlacesSaysWhichQualifierMatchedNothing() throws IOException {
        JsonNode kyiv = ok(tools.findPlaces("Kyiv, UK", "en"));
        assertThat(kyiv.get("unmatched").asText(), equalTo("UK"));
        assertThat(regions(kyiv.get("candidates")), equalTo(List.of("Kyiv City")));
        JsonNode paris = ok(tools.findPlaces("Paris, Tennessee, Narnia", "en"));
        assertThat(paris.get("unmatched").asText(), equalTo("Narnia"));
        assertThat("the nearest first", regions(paris.get("candidates")),
                equalTo(List.of("Tennessee", "Texas", "Île-de-France")));
    }

    @Test
    void findPlacesWithNoMatchIsAnEmptyList() throws IOException {
        assertThat(ok(tools.findPlaces("Nowhereville", "en")).get("candidates").size(), is(0));
    }

    @Test
    void findPlacesFallsBackToEnglishForAnOddLanguage() throws IOException {
        ok(tools.findPlaces("Kyiv", "english; drop table"));
        assertThat(meteo.searchCalls().getLast().get("language"), equalTo("en"));
        ok(tools.findPlaces("Київ", "UK"));
        assertThat(meteo.searchCalls().getLast().get("language"), equalTo("uk"));
    }

    @Test
    void currentWeatherInMetricAndImperialPerChat() throws IOException {
        JsonNode metric = ok(tools.currentWeather(METRIC_CHAT, LAT, LON));
        assertThat(metric.get("timezone").asText(), equalTo("Europe/Kyiv"));
        assertThat(metric.get("condition").asText(), containsString("(WMO 3)"));
        assertThat(metric.get("temperature").asText(), equalTo("-0.2 °C"));
        assertThat(metric.get("feels_like").asText(), equalTo("-3.2 °C"));
        assertThat(metric.get("humidity").asText(), equalTo("71 %"));
        assertThat(metric.get("wind").asText(), equalTo("14 km/h"));
        assertThat(metric.get("gusts").asText(), equalTo("30 km/h"));
        assertThat(metric.get("wind_from_degrees").asInt(), is(315));
        assertThat(metric.get("today_min").asText(), equalTo("-4.2 °C"));
        assertThat(metric.get("today_max").asText(), equalTo("3.8 °C"));
        assertThat(metric.get("today_precipitation_chance").asText(), equalTo("5 %"));
        assertThat(metric.get("local_time").asText(), containsString(todayInKyiv().toString()));

        JsonNode imperial = ok(tools.currentWeather(IMPERIAL_CHAT, LAT, LON));
        assertThat(imperial.get("temperature").asText(), equalTo("31.6 °F"));
        assertThat(imperial.get("wind").asText(), equalTo("8.7 mph"));
        assertThat(imperial.get("today_max").asText(), endsWith(" °F"));

        List<FakeOpenMeteo.ForecastCall> calls = meteo.forecastCalls();
        assertThat(calls, hasSize(2));
        assertThat(calls.get(0).temperatureUnit(), equalTo("celsius"));
        assertThat(calls.get(1).temperatureUnit(), equalTo("fahrenheit"));
        assertThat(calls.get(1).windUnit(), equalTo("mph"));
        assertThat(calls.get(1).precipitationUnit(), equalTo("inch"));
    }

    @Test
    void dailyForecastHasTheAskedDays() throws IOException {
        JsonNode node = ok(tools.dailyForecast(METRIC_CHAT, LAT, LON, 3));
        assertThat(node.get("timezone").asText(), equalTo("Europe/Kyiv"));
        JsonNode days = node.get("days");
        assertThat(days.size(), is(3));
        LocalDate today = todayInKyiv();
        for (int i = 0; i < 3; i++) {
            JsonNode day = days.get(i);
            assertThat(day.get("date").asText(), equalTo(today.plusDays(i).toString()));
            assertThat(day.get("min").asText(), endsWith(" °C"));
            assertThat(day.get("max").asText(), endsWith(" °C"));
            assertThat(day.get("precipitation").asText(), endsWith(" mm"));
            assertThat(day.get("precipitation_chance").asText(), endsWith(" %"));
        }
        assertThat(days.get(1).get("condition").asText(), containsString("(WMO 3)"));
        assertThat(days.get(2).get("precipitation").asText(), equalTo("2.4 mm"));
        assertThat(days.get(2).get("precipitation_chance").asText(), equalTo("25 %"));

        JsonNode imperial = ok(tools.dailyForecast(IMPERIAL_CHAT, LAT, LON, 16));
        assertThat(imperial.get("days").size(), is(16));
        assertThat(imperial.get("days").get(2).get("precipitation").asText(), equalTo("0.1 inch"));
        assertThat(imperial.get("days").get(15).get("max").asText(), endsWith(" °F"));
    }

    @Test
    void hourlyForecastForTonightHasSixHours() throws IOException {
        String date = todayInKyiv().toString();
        JsonNode node = ok(tools.hourlyForecast(METRIC_CHAT, LAT, LON, date, 18, 23));
        assertThat(node.get("date").asText(), equalTo(date));
        assertThat(node.get("timezone").asText(), equalTo("Europe/Kyiv"));
        JsonNode hours = node.get("hours");
        assertThat(hours.size(), is(6));
        List<String> times = new ArrayList<>();
        hours.forEach(h -> times.add(h.get("time").asText()));
        assertThat(times, equalTo(List.of("18:00", "19:00", "20:00", "21:00", "22:00", "23:00")));
        JsonNode first = hours.get(0);
        assertThat(first.get("temperature").asText(), equalTo("0.8 °C"));
        assertThat(first.get("precipitation").asText(), equalTo("1 mm"));
        assertThat(first.get("precipitation_chance").asText(), equalTo("80 %"));
        assertThat(first.get("wind").asText(), equalTo("10 km/h"));
        assertThat(first.get("condition").asText(), containsString("(WMO 61)"));

        JsonNode imperial = ok(tools.hourlyForecast(IMPERIAL_CHAT, LAT, LON, date, 6, 6));
        assertThat(imperial.get("hours").size(), is(1));
        assertThat(imperial.get("hours").get(0).get("temperature").asText(), endsWith(" °F"));
        assertThat(imperial.get("hours").get(0).get("wind").asText(), equalTo("6.2 mph"));
    }

    /**
     * At moments where the UTC date is not Kyiv's date (or the clocks change that night), the place's local today
     * still has its evening hours, and the day before it and the day after the range have none.
     */
    @ParameterizedTest
    @FieldSource("dev.weatheragent.fakes.TestClock#HARD_MOMENTS")
    void hourlyDataFollowsThePlacesLocalDateAtHardMoments(Instant moment) throws IOException {
        try (FakeOpenMeteo moved = new FakeOpenMeteo(TestClock.startingAt(moment))) {
            WeatherTools at = tools(moved, store);
            LocalDate today = LocalDate.ofInstant(moment, ZoneId.of(FakeOpenMeteo.KYIV.timezone()));
            JsonNode tonight = ok(at.hourlyForecast(METRIC_CHAT, LAT, LON, today.toString(), 18, 23));
            assertThat(tonight.get("hours").size(), is(6));
            assertThat(tonight.get("hours").get(0).get("time").asText(), equalTo("18:00"));
            JsonNode lastDay = ok(at.hourlyForecast(METRIC_CHAT, LAT, LON,
                    today.plusDays(OpenMeteoClient.HOURLY_DAYS - 1).toString(), 0, 23));
            assertThat(lastDay.get("hours").size(), is(24));
            assertThat(error(at.hourlyForecast(METRIC_CHAT, LAT, LON, today.minusDays(1).toString(), 0, 23))
                    .get("error").asText(), containsString("no hourly data"));
            assertThat(error(at.hourlyForecast(METRIC_CHAT, LAT, LON,
                    today.plusDays(OpenMeteoClient.HOURLY_DAYS).toString(), 0, 23)).get("error").asText(),
                    containsString("no hourly data"));
            JsonNode days = ok(at.dailyForecast(METRIC_CHAT, LAT, LON, 2)).get("days");
            assertThat(days.get(0).get("date").asText(), equalTo(today.toString()));
            assertThat(days.get(1).get("date").asText(), equalTo(today.plusDays(1).toString()));
        }
    }

    @Test
    void hourlyForecastBeyondTheRangeIsAnError() throws IOException {
        String later = todayInKyiv().plusDays(OpenMeteoClient.HOURLY_DAYS + 1).toString();
        assertThat(error(tools.hourlyForecast(METRIC_CHAT, LAT, LON, later, 0, 23)).get("error").asText(),
                containsString("no hourly data"));
    }

    @Test
    void airQualityWithUnits() throws IOException {
        JsonNode node = ok(tools.airQuality(LAT, LON));
        assertThat(node.get("european_aqi").asInt(), is(42));
        assertThat(node.get("us_aqi").asInt(), is(55));
        assertThat(node.get("pm2_5").asText(), equalTo("12.5 µg/m³"));
        assertThat(node.get("pm10").asText(), equalTo("12.5 µg/m³"));
        assertThat(node.get("ozone").asText(), endsWith(" µg/m³"));
        assertThat(node.get("nitrogen_dioxide").asText(), endsWith(" µg/m³"));
        assertThat(node.get("uv_index").asDouble(), is(1.3));
        assertThat(meteo.airQualityCalls(), hasSize(1));
    }

    @Test
    void invalidArgumentsAreRefusedWithoutCallingOpenMeteo() {
        String today = todayInKyiv().toString();
        List<Supplier<String>> calls = List.of(
                () -> tools.findPlaces("", "en"),
                () -> tools.findPlaces(null, "en"),
                () -> tools.findPlaces("x".repeat(101), "en"),
                () -> tools.currentWeather(METRIC_CHAT, 95, LON),
                () -> tools.currentWeather(METRIC_CHAT, LAT, -181),
                () -> tools.currentWeather(METRIC_CHAT, Double.NaN, LON),
                () -> tools.airQuality(-90.5, 0),
                () -> tools.airQuality(0, Double.POSITIVE_INFINITY),
                () -> tools.dailyForecast(METRIC_CHAT, LAT, LON, 0),
                () -> tools.dailyForecast(METRIC_CHAT, LAT, LON, 17),
                () -> tools.dailyForecast(METRIC_CHAT, 95, LON, 3),
                () -> tools.hourlyForecast(METRIC_CHAT, LAT, LON, today, 20, 5),
                () -> tools.hourlyForecast(METRIC_CHAT, LAT, LON, today, -1, 5),
                () -> tools.hourlyForecast(METRIC_CHAT, LAT, LON, today, 5, 24),
                () -> tools.hourlyForecast(METRIC_CHAT, LAT, LON, "tomorrow", 6, 11),
                () -> tools.hourlyForecast(METRIC_CHAT, LAT, LON, "2026-02-30", 6, 11),
                () -> tools.hourlyForecast(METRIC_CHAT, LAT, LON, null, 6, 11),
                () -> tools.hourlyForecast(METRIC_CHAT, 95, LON, today, 6, 11));
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            Supplier<String> call = calls.get(i);
            int index = i;
            checks.add(() -> {
                String result = call.get();
                assertThat("call " + index + ": " + result, error(result).get("error").asText(),
                        not(containsString("unavailable")));
            });
        }
        assertAll(checks);
        assertThat("requests to Open-Meteo", meteo.requests(), is(0));
    }

    @Test
    void openMeteoFailureIsReportedAsUnavailable() throws IOException {
        meteo.fail(FakeHttpServer.json(500, "{}"), FakeHttpServer.json(500, "{}"), FakeHttpServer.json(500, "{}"));
        JsonNode node = error(tools.currentWeather(METRIC_CHAT, LAT, LON));
        assertThat(node.get("error").asText(), containsString("unavailable"));
        assertThat("the client retried", meteo.requests(), is(3));
        // and once Open-Meteo is back, the next call works (the failure was not cached)
        ok(tools.currentWeather(METRIC_CHAT, LAT, LON));
    }

    @Test
    void resultsAreSmall() {
        String today = todayInKyiv().toString();
        String findPlaces = tools.findPlaces("Paris", "en");
        String current = tools.currentWeather(METRIC_CHAT, LAT, LON);
        String daily3 = tools.dailyForecast(METRIC_CHAT, LAT, LON, 3);
        String daily16 = tools.dailyForecast(METRIC_CHAT, LAT, LON, 16);
        String hourly6 = tools.hourlyForecast(METRIC_CHAT, LAT, LON, today, 18, 23);
        String hourly24 = tools.hourlyForecast(METRIC_CHAT, LAT, LON, today, 0, 23);
        String air = tools.airQuality(LAT, LON);
        System.out.printf("tool result sizes: findPlaces(3 candidates)=%d, currentWeather=%d, dailyForecast(3)=%d,"
                        + " dailyForecast(16)=%d, hourlyForecast(6h)=%d, hourlyForecast(24h)=%d, airQuality=%d bytes%n",
                bytes(findPlaces), bytes(current), bytes(daily3), bytes(daily16), bytes(hourly6), bytes(hourly24),
                bytes(air));
        assertAll(
                () -> assertThat(findPlaces, bytes(findPlaces), lessThan(2_000)),
                () -> assertThat(current, bytes(current), lessThan(2_000)),
                () -> assertThat(daily3, bytes(daily3), lessThan(2_000)),
                () -> assertThat(daily16, bytes(daily16), lessThan(3_000)),
                () -> assertThat(hourly6, bytes(hourly6), lessThan(2_000)),
                () -> assertThat(air, bytes(air), lessThan(2_000)));
    }
}
