package dev.weatheragent.schedule;

import dev.weatheragent.config.StoreConfig;
import dev.weatheragent.fakes.FakeOpenMeteo;
import dev.weatheragent.fakes.MutableClock;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.store.ChatStores;
import dev.weatheragent.store.DailySubscription;
import dev.weatheragent.store.SavedPlace;
import dev.weatheragent.weather.CallBudget;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Units;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Fetching ahead against a real SQLite store and the fake Open-Meteo, round by round on a clock the test moves:
 * once per place and units, spread over the window, within the scheduler's share of the budget.
 */
class ForecastPrefetcherTest {

    private static final Duration TICK = Duration.ofSeconds(30);
    /** 06:00 UTC; the forecasts are due at 07:00 UTC, at places near the prime meridian (GMT in the fake). */
    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");
    private static final Instant DUE = Instant.parse("2026-03-02T07:00:00Z");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(START);
    private final FakeOpenMeteo meteo;
    private ChatStore store;

    ForecastPrefetcherTest() throws IOException {
        meteo = new FakeOpenMeteo(clock);
    }

    @AfterEach
    void close() throws IOException {
        if (store != null) {
            store.close();
        }
        meteo.close();
    }

    /** A prefetcher as one instance has it: its own Open-Meteo client (and cache), on the one store. */
    private ForecastPrefetcher prefetcher(int callsPerMinute) {
        if (store == null) {
            store = ChatStores.open(new StoreConfig(dir.resolve("data"), Optional.empty()), clock);
        }
        OpenMeteoClient weather = new OpenMeteoClient(meteo.forecastUrl(), meteo.geocodingUrl(),
                meteo.airQualityUrl(), new CallBudget(callsPerMinute, clock), BotMetrics.off());
        return new ForecastPrefetcher(store.subscriptions(), weather,
                new FetchedForecasts(store.subscriptions(), weather, clock), clock, Duration.ofHours(1), TICK);
    }

    /** {@code chats} subscribers spread over {@code places} distinct places, all due at {@code due}. */
    private void subscribe(int chats, int places, Instant due, long firstChat) {
        for (int i = 0; i < chats; i++) {
            int place = i % places;
            store.subscriptions().subscribe(new DailySubscription(firstChat + i,
                    new SavedPlace("Place " + place, -60 + place * 0.1, 1 + place % 10 * 0.1, "Etc/GMT"),
                    LocalTime.of(7, 0), "en", false, due));
        }
    }

    /** Runs rounds a tick apart until the due time; the places fetched in each. */
    private List<Integer> roundsUntil(ForecastPrefetcher prefetcher, Instant due) {
        List<Integer> fetched = new ArrayList<>();
        while (clock.instant().isBefore(due)) {
            fetched.add(prefetcher.runOnce());
            clock.advance(TICK);
        }
        return fetched;
    }

    @Test
    void eachPlaceIsFetchedOnceEvenlyOverTheHourBeforeItIsDue() {
        ForecastPrefetcher prefetcher = prefetcher(500);
        subscribe(3000, 600, DUE, 1);

        List<Integer> rounds = roundsUntil(prefetcher, DUE);

        assertThat(rounds.stream().mapToInt(Integer::intValue).sum(), is(600));
        assertThat("one call per place, not per subscriber", meteo.forecastCalls(), hasSize(600));
        assertThat("an even pace: 600 places over 119 rounds", rounds, everyItem(lessThanOrEqualTo(7)));
        assertThat("all done a round before the due time", rounds.getLast(), is(0));
        assertThat(rounds.subList(0, 100), everyItem(greaterThan(0)));
    }

    @Test
    void theUnitsMakeADifferentForecastAndTheSamePlaceOneForecast() {
        ForecastPrefetcher prefetcher = prefetcher(500);
        subscribe(4, 1, DUE, 1);
        store.units(2, Units.IMPERIAL);
        store.units(3, Units.IMPERIAL);

        roundsUntil(prefetcher, DUE);

        assertThat(meteo.forecastCalls(), hasSize(2));
        assertThat(meteo.forecastCalls().stream().map(FakeOpenMeteo.ForecastCall::temperatureUnit).sorted().toList(),
                is(List.of("celsius", "fahrenheit")));
    }

    @Test
    void theSchedulerStaysWithinItsShareOfTheBudgetAndLeavesTheRestForDelivery() {
        ForecastPrefetcher prefetcher = prefetcher(100);
        clock.set(DUE.minus(Duration.ofMinutes(5)));
        subscribe(500, 500, DUE, 1);

        List<Integer> rounds = roundsUntil(prefetcher, DUE);

        assertThat("80 a minute for five minutes", rounds.stream().mapToInt(Integer::intValue).sum(), is(400));
        for (int minute = 0; minute < rounds.size(); minute += 2) {
            assertThat(rounds.get(minute) + rounds.get(minute + 1), lessThanOrEqualTo(80));
        }
    }

    @Test
    void subscriptionsComingIntoTheWindowLaterAreFetchedThen() {
        ForecastPrefetcher prefetcher = prefetcher(500);
        Instant later = DUE.plus(Duration.ofHours(2));
        subscribe(10, 10, DUE, 1);
        subscribe(10, 10, later, 100);

        roundsUntil(prefetcher, DUE);
        assertThat("only those due within the hour", meteo.forecastCalls(), hasSize(10));

        roundsUntil(prefetcher, later);
        assertThat(meteo.forecastCalls(), hasSize(20));
    }

    @Test
    void anInstanceTakingOverHalfwayFetchesOnlyWhatTheFirstHadNot() {
        ForecastPrefetcher first = prefetcher(500);
        subscribe(600, 300, DUE, 1);
        roundsUntil(first, DUE.minus(Duration.ofMinutes(30)));
        int fetchedByFirst = meteo.forecastCalls().size();
        assertThat("about half", fetchedByFirst, is(both(greaterThan(100)).and(lessThanOrEqualTo(200))));

        roundsUntil(prefetcher(500), DUE);

        assertThat("each place once in all", meteo.forecastCalls(), hasSize(300));
    }
}
