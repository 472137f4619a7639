package dev.weatheragent.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.weatheragent.store.StoreUnavailableException;
import dev.weatheragent.store.SubscriptionStore;
import dev.weatheragent.weather.DayForecast;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Point;
import dev.weatheragent.weather.Units;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The daily forecasts fetched ahead, kept in this instance's Open-Meteo cache and in the store, where the instance
 * that takes the sending over (after a restart or a leader hand-over in the middle of a broadcast) finds them instead
 * of asking Open-Meteo for every place a second time. The store is a help, not a need: when it cannot keep or give
 * them, the forecasts are fetched as before.
 */
final class FetchedForecasts {

    private static final System.Logger LOG = System.getLogger(FetchedForecasts.class.getName());

    private final SubscriptionStore store;
    private final OpenMeteoClient weather;
    private final Clock clock;
    /** Open-Meteo's own field names, so that what is kept reads like the answer it came from. */
    private final ObjectMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    FetchedForecasts(SubscriptionStore store, OpenMeteoClient weather, Clock clock) {
        this.store = store;
        this.weather = weather;
        this.clock = clock;
    }

    /** Fetches the daily forecasts of these places and keeps them for any instance; the points fetched. */
    List<Point> fetch(List<Point> points, Units units) {
        Instant at = clock.instant();
        Map<Point, DayForecast> fetched = weather.prefetchDays(points, units);
        Map<String, String> bodies = new LinkedHashMap<>();
        fetched.forEach((point, forecast) -> {
            try {
                bodies.put(ForecastKey.of(point.latitude(), point.longitude(), units).code(),
                        json.writeValueAsString(forecast));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a daily forecast cannot be written as JSON", e);
            }
        });
        try {
            store.keepForecasts(bodies, at);
        } catch (StoreUnavailableException e) {
            LOG.log(System.Logger.Level.DEBUG, "forecasts fetched ahead are kept in memory only: " + e.getMessage());
        }
        return List.copyOf(fetched.keySet());
    }

    /**
     * Takes into this instance's cache the forecasts another instance fetched for these places within {@code
     * window} of the earliest due time, each for the local date at its due time: those need not be fetched ahead
     * again, and are as fresh as fetching ahead makes them.
     *
     * @return the places taken
     */
    Set<ForecastKey> takeKept(Map<ForecastKey, Instant> dueAt, Duration window) {
        if (dueAt.isEmpty()) {
            return Set.of();
        }
        Instant since = Collections.min(dueAt.values()).minus(window);
        return take(dueAt.keySet(), since, (key, forecast) -> forecast.daily().time().contains(LocalDate.ofInstant(
                dueAt.get(key), ZoneOffset.ofTotalSeconds(forecast.utcOffsetSeconds())).toString()));
    }

    /**
     * Makes sure {@link OpenMeteoClient#day} has the forecasts of these places for {@code date} without a request of
     * its own for each: those this instance has not got are taken from the store when another instance fetched them
     * lately, and the rest are fetched, many places to a request.
     */
    void ensure(List<Point> points, Units units, LocalDate date) {
        Map<ForecastKey, Point> missing = new LinkedHashMap<>();
        for (Point p : weather.withoutDay(points, units, date)) {
            missing.put(ForecastKey.of(p.latitude(), p.longitude(), units), p);
        }
        if (missing.isEmpty()) {
            return;
        }
        missing.keySet().removeAll(take(missing.keySet(), clock.instant().minus(OpenMeteoClient.DAY_FORECAST_KEPT),
                (key, forecast) -> forecast.daily().time().contains(date.toString())));
        if (!missing.isEmpty()) {
            fetch(List.copyOf(missing.values()), units);
        }
    }

    /**
     * Takes into this instance's cache the forecasts of these places kept since {@code since} that are of use; the
     * places taken.
     */
    private Set<ForecastKey> take(Collection<ForecastKey> keys, Instant since,
                                  BiPredicate<ForecastKey, DayForecast> usable) {
        Map<String, ForecastKey> byCode = new HashMap<>();
        keys.forEach(k -> byCode.put(k.code(), k));
        Map<String, String> kept;
        try {
            kept = store.keptForecasts(byCode.keySet(), since);
        } catch (StoreUnavailableException e) {
            return Set.of();
        }
        Set<ForecastKey> taken = new HashSet<>();
        kept.forEach((code, body) -> {
            ForecastKey key = byCode.get(code);
            DayForecast forecast = read(body);
            if (key != null && forecast != null && usable.test(key, forecast)) {
                weather.keepDay(new Point(key.latitude(), key.longitude()), key.units(), forecast);
                taken.add(key);
            }
        });
        return taken;
    }

    private DayForecast read(String body) {
        if (body == null) {
            return null;
        }
        try {
            DayForecast forecast = json.readValue(body, DayForecast.class);
            return forecast.daily() == null || forecast.daily().time() == null || forecast.hourly() == null
                    || forecast.hourly().time() == null ? null : forecast;
        } catch (JsonProcessingException e) {
            // Written by another build, say: fetched again.
            return null;
        }
    }
}
