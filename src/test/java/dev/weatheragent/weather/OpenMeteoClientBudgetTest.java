package dev.weatheragent.weather;

import dev.weatheragent.fakes.FakeHttpServer;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.MutableClock;
import dev.weatheragent.metrics.BotMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The client against the fake Open-Meteo: every request within the call budget (counted at the fake), daily forecasts
 * for many places in multi-coordinate requests in the real array format, and kept for the delivery.
 */
class OpenMeteoClientBudgetTest {

    /** Noon in UTC: places near the prime meridian are on the same date. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));
    private final LocalDate today = LocalDate.parse("2026-03-02");
    private final FakeOpenMeteo meteo;

    OpenMeteoClientBudgetTest() throws IOException {
        meteo = new FakeOpenMeteo(clock);
    }

    @AfterEach
    void close() throws IOException {
        meteo.close();
    }

    private OpenMeteoClient client(int perMinute) {
        return new OpenMeteoClient(meteo.forecastUrl(), meteo.geocodingUrl(), meteo.airQualityUrl(),
                new CallBudget(perMinute, clock), List.of(Duration.ZERO), BotMetrics.off());
    }

    /** Distinct places within a few degrees of the prime meridian (the fake gives them GMT). */
    private static List<Point> places(int count) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(new Point(-60 + i * 0.5, (i % 10) * 0.5));
        }
        return points;
    }

    @Test
    void aQuestionBeyondTheBudgetFailsAtOnceWithoutARequest() {
        OpenMeteoClient client = client(3);
        for (int i = 0; i < 3; i++) {
            client.forecast(10 + i, 20, Units.METRIC);
        }
        assertThrows(WeatherUnavailableException.class, () -> client.forecast(13, 20, Units.METRIC));
        assertThat(meteo.requests(), is(3));
        clock.advance(Duration.ofMinutes(1));
        client.forecast(13, 20, Units.METRIC);
        assertThat(meteo.requests(), is(4));
    }

    @Test
    void retriesCountAgainstTheBudgetToo() {
        OpenMeteoClient client = client(2);
        meteo.fail(FakeHttpServer.json(503, "{}"), FakeHttpServer.json(503, "{}"));
        assertThrows(WeatherUnavailableException.class, () -> client.forecast(10, 20, Units.METRIC));
        assertThat("the third attempt found the budget spent", meteo.requests(), is(2));
    }

    @Test
    void manyPlacesGoInMultiCoordinateRequestsOfAHundred() {
        OpenMeteoClient client = client(1000);
        List<Point> points = places(150);
        assertThat(client.prefetchDays(points, Units.METRIC).keySet(), contains(points.toArray()));
        assertThat(meteo.forecastRequests(), contains(100, 50));
        assertThat("one call per place", meteo.forecastCalls(), hasSize(150));
        for (Point p : points) {
            DayForecast day = client.day(p.latitude(), p.longitude(), Units.METRIC, today);
            // The fake's high is 29 - |latitude| / 2 (+ 0..2 by day): each answer went to its own place.
            assertThat(day.daily().temperatureMax().getLast(), closeTo(29 - Math.abs(p.latitude()) / 2, 2.01));
            assertThat(day.daily().time(), contains(today.minusDays(1).toString(), today.toString()));
        }
        assertThat("the deliveries needed no request", meteo.forecastRequests(), hasSize(2));
    }

    @Test
    void theSchedulerLeavesAFifthOfTheBudgetForQuestions() {
        OpenMeteoClient client = client(10);
        assertThat(client.scheduledCallsLeft(), is(8));
        assertThat("nine places do not fit the scheduler's eight", client.prefetchDays(places(9), Units.METRIC),
                is(Map.of()));
        assertThat(client.prefetchDays(places(8), Units.METRIC).keySet(), hasSize(8));
        assertThat(client.scheduledCallsLeft(), is(0));
        assertThrows(WeatherUnavailableException.class, () -> client.day(45, 1, Units.METRIC, today));
        client.forecast(50, 30, Units.METRIC);
        client.forecast(51, 30, Units.METRIC);
        assertThat(meteo.forecastRequests(), contains(8, 1, 1));
    }

    @Test
    void aForecastFetchedTheDayBeforeIsFetchedAgainForTheNewDay() {
        OpenMeteoClient client = client(100);
        clock.set(Instant.parse("2026-03-02T23:40:00Z"));
        client.prefetchDays(List.of(new Point(51.5, 0)), Units.METRIC);
        clock.set(Instant.parse("2026-03-03T00:10:00Z"));
        DayForecast day = client.day(51.5, 0, Units.METRIC, LocalDate.parse("2026-03-03"));
        assertThat(day.daily().time().getLast(), is("2026-03-03"));
        assertThat(meteo.forecastRequests(), contains(1, 1));
        client.day(51.5, 0, Units.METRIC, LocalDate.parse("2026-03-03"));
        assertThat(meteo.forecastRequests(), hasSize(2));
    }
}
