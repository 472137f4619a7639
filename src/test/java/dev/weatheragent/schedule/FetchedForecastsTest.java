package dev.weatheragent.schedule;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.MutableClock;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.store.ChatStores;
import dev.weatheragent.weather.CallBudget;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Point;
import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/**
 * Two instances on one real SQLite store and the fake Open-Meteo: what one fetched ahead, the other sends without a
 * request of its own, exactly as fetched; what is too old, for another day or unreadable is fetched again.
 */
class FetchedForecastsTest {

    /** 06:30 UTC; places near the prime meridian are on GMT in the fake, so their local date is this one. */
    private static final Instant NOW = Instant.parse("2026-03-02T06:30:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-03-02");
    private static final List<Point> PLACES = List.of(new Point(51.5, -0.12), new Point(48.86, 2.35));

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(NOW);
    private final FakeOpenMeteo meteo;
    private ChatStore store;

    FetchedForecastsTest() throws IOException {
        meteo = new FakeOpenMeteo(clock);
    }

    @AfterEach
    void close() throws IOException {
        if (store != null) {
            store.close();
        }
        meteo.close();
    }

    private OpenMeteoClient client() {
        return new OpenMeteoClient(meteo.forecastUrl(), meteo.geocodingUrl(), meteo.airQualityUrl(),
                new CallBudget(500, clock), BotMetrics.off());
    }

    private FetchedForecasts instance(OpenMeteoClient weather) {
        if (store == null) {
            store = ChatStores.open(new StoreConfig(dir.resolve("data"), Optional.empty()), clock);
        }
        return new FetchedForecasts(store.subscriptions(), weather, clock);
    }

    @Test
    void whatOneInstanceFetchedTheNextSendsAsItWasWithoutARequest() {
        OpenMeteoClient first = client();
        assertThat(instance(first).fetch(PLACES, Units.METRIC), is(PLACES));
        assertThat(meteo.forecastRequests(), contains(2));

        clock.set(NOW.plus(Duration.ofMinutes(40)));
        OpenMeteoClient next = client();
        instance(next).ensure(PLACES, Units.METRIC, TODAY);

        assertThat("no request of its own", meteo.forecastRequests(), contains(2));
        for (Point p : PLACES) {
            assertThat(next.day(p.latitude(), p.longitude(), Units.METRIC, TODAY),
                    is(first.day(p.latitude(), p.longitude(), Units.METRIC, TODAY)));
        }
        assertThat(meteo.forecastRequests(), hasSize(1));
    }

    @Test
    void anInstanceFetchingAheadTakesWhatAnotherFetchedWhenItIsForTheDateItIsDue() {
        instance(client()).fetch(PLACES, Units.METRIC);
        ForecastKey london = ForecastKey.of(51.5, -0.12, Units.METRIC);
        ForecastKey paris = ForecastKey.of(48.86, 2.35, Units.METRIC);

        OpenMeteoClient next = client();
        Set<ForecastKey> taken = instance(next).takeKept(Map.of(london, NOW.plus(Duration.ofMinutes(30)),
                paris, NOW.plus(Duration.ofDays(1)), ForecastKey.of(0, 0, Units.METRIC), NOW.plusSeconds(60)),
                Duration.ofHours(1));

        assertThat("tomorrow's forecast for Paris is still to fetch; nothing was kept for 0,0", taken,
                is(Set.of(london)));
        next.day(51.5, -0.12, Units.METRIC, TODAY);
        assertThat("London needs no request of its own", meteo.forecastRequests(), contains(2));
        assertThat("fetched more than the window before the earliest due time: fetched again",
                instance(client()).takeKept(Map.of(london, NOW.plus(Duration.ofMinutes(61))), Duration.ofHours(1)),
                is(Set.of()));
    }

    @Test
    void otherUnitsAPlaceNotFetchedAndAForecastTooOldAreFetched() {
        instance(client()).fetch(PLACES.subList(0, 1), Units.METRIC);

        OpenMeteoClient next = client();
        instance(next).ensure(PLACES, Units.IMPERIAL, TODAY);
        assertThat("both places in one request, in the units asked", meteo.forecastRequests(), contains(1, 2));
        assertThat(meteo.forecastCalls().getLast().temperatureUnit(), is("fahrenheit"));

        clock.set(NOW.plus(OpenMeteoClient.DAY_FORECAST_KEPT).plusSeconds(1));
        instance(client()).ensure(PLACES.subList(0, 1), Units.METRIC, TODAY);
        assertThat(meteo.forecastRequests(), contains(1, 2, 1));
    }

    @Test
    void aForecastKeptForAnotherDayOrUnreadableIsFetchedAgain() {
        clock.set(Instant.parse("2026-03-02T22:30:00Z"));
        instance(client()).fetch(PLACES, Units.METRIC);

        clock.set(Instant.parse("2026-03-03T00:10:00Z"));
        instance(client()).ensure(PLACES, Units.METRIC, TODAY.plusDays(1));
        assertThat("yesterday's forecast is no use on the new day", meteo.forecastRequests(), contains(2, 2));
        instance(client()).ensure(PLACES, Units.METRIC, TODAY.plusDays(1));
        assertThat("the new day's forecast was kept in its place", meteo.forecastRequests(), contains(2, 2));

        store.subscriptions().keepForecasts(Map.of("48.86,2.35|METRIC", "{\"daily\":"), clock.instant());
        instance(client()).ensure(PLACES, Units.METRIC, TODAY.plusDays(1));
        assertThat("only the unreadable one is fetched", meteo.forecastRequests(), contains(2, 2, 1));
    }
}
