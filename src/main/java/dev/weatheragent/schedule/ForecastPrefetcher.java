package dev.weatheragent.schedule;

import dev.weatheragent.store.SubscriptionStore;
import dev.weatheragent.store.UpcomingDaily;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Point;
import dev.weatheragent.weather.Units;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches the daily forecasts due within the look-ahead window before they are due, once per {@link ForecastKey},
 * so that at the due minute sending waits on Telegram only. Each round reads just the slice of the window that is
 * new since the last round (a range on the due-time index: each subscription is read once a day, not once a round),
 * and fetches, earliest due first, as many places as keep every one ahead of its due time at an even pace: 5,000
 * places due at 07:00 are fetched 80-odd a minute through the hour before, not 5,000 in the last minute. The
 * Open-Meteo client keeps what it fetched until the delivery; a subscription made or moved inside the part of the
 * window already read is fetched at delivery instead. What it fetched is kept in the store too ({@link
 * FetchedForecasts}), for an instance that takes the sending over.
 */
final class ForecastPrefetcher {

    private final SubscriptionStore store;
    private final OpenMeteoClient weather;
    private final FetchedForecasts forecasts;
    private final Clock clock;
    private final Duration window;
    private final Duration tick;
    /** Places still to fetch, each with the earliest due time of its subscribers. */
    private final Map<ForecastKey, Instant> pending = new HashMap<>();
    /** The end of the window read so far; null before the first round. */
    private Instant readUntil;

    /**
     * @param window how far ahead to fetch
     * @param tick   how often {@link #runOnce} runs: each place is fetched at least one round before it is due
     */
    ForecastPrefetcher(SubscriptionStore store, OpenMeteoClient weather, FetchedForecasts forecasts, Clock clock,
                       Duration window, Duration tick) {
        this.store = store;
        this.weather = weather;
        this.forecasts = forecasts;
        this.clock = clock;
        this.window = window;
        this.tick = tick;
    }

    /** One round; how many places were fetched. */
    synchronized int runOnce() {
        Instant now = clock.instant();
        Instant from = readUntil == null || readUntil.isBefore(now) ? now : readUntil;
        Instant until = now.plus(window);
        if (until.isAfter(from)) {
            Map<ForecastKey, Instant> read = new HashMap<>();
            for (UpcomingDaily u : store.upcoming(from, until)) {
                read.merge(ForecastKey.of(u.latitude(), u.longitude(), u.units()), u.dueAt(), ForecastPrefetcher::min);
            }
            // What an instance that stopped meanwhile fetched (a restart, a leader hand-over) is not fetched again.
            read.keySet().removeAll(forecasts.takeKept(read, window));
            read.forEach((key, due) -> pending.merge(key, due, ForecastPrefetcher::min));
            readUntil = until;
        }
        // Due already: the scheduler fetches what it still needs itself.
        pending.values().removeIf(due -> !due.isAfter(now));
        List<Map.Entry<ForecastKey, Instant>> order = new ArrayList<>(pending.entrySet());
        order.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        int count = Math.min(needed(order, now), weather.scheduledCallsLeft());
        Map<Units, List<ForecastKey>> byUnits = new LinkedHashMap<>();
        for (Map.Entry<ForecastKey, Instant> e : order.subList(0, count)) {
            byUnits.computeIfAbsent(e.getKey().units(), u -> new ArrayList<>()).add(e.getKey());
        }
        int fetched = 0;
        for (Map.Entry<Units, List<ForecastKey>> group : byUnits.entrySet()) {
            List<Point> points = group.getValue().stream().map(k -> new Point(k.latitude(), k.longitude())).toList();
            List<Point> done = forecasts.fetch(points, group.getKey());
            for (Point p : done) {
                pending.remove(ForecastKey.of(p.latitude(), p.longitude(), group.getKey()));
            }
            fetched += done.size();
        }
        return fetched;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * How many places to fetch this round so that, going on at the same pace, each is fetched a round before it is
     * due: for the k earliest places the pace must be at least k per time left until the k-th is due.
     */
    private int needed(List<Map.Entry<ForecastKey, Instant>> order, Instant now) {
        double perRound = 0;
        long tickMillis = tick.toMillis();
        for (int k = 1; k <= order.size(); k++) {
            long left = Duration.between(now, order.get(k - 1).getValue()).toMillis() - tickMillis;
            double rounds = Math.max(1.0, (double) left / tickMillis);
            perRound = Math.max(perRound, k / rounds);
        }
        return (int) Math.min(order.size(), Math.ceil(perRound));
    }
}
