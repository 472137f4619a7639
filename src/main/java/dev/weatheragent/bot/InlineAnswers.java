package dev.weatheragent.bot;

import dev.weatheragent.bot.PlaceFinder.Target;
import dev.weatheragent.telegram.Html;
import dev.weatheragent.weather.Forecast;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.WeatherUnavailableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Inline mode ({@code @bot Kyiv} in any chat): up to five places the query fits, each with the weather now as its
 * title and the {@code /weather} answer as the message it sends; an empty query offers the user's home place. Places
 * are found as for {@code /weather} (a saved name, the geocoder with its six-hour cache), and each forecast comes
 * from the ten-minute cache or costs one Open-Meteo call of the interactive budget: a place whose forecast cannot be
 * had (budget spent, outage) is left out.
 */
final class InlineAnswers {

    static final int MAX_RESULTS = 5;
    /** Telegram may keep results this long; forecasts are cached for ten minutes anyway. */
    static final int CACHE_SECONDS = 300;
    /** An empty answer (nothing found, or Open-Meteo down) is kept only briefly, so that a retry can do better. */
    static final int EMPTY_CACHE_SECONDS = 10;

    private final OpenMeteoClient weather;
    private final PlaceFinder finder;
    private final WeatherFormatter formatter;

    InlineAnswers(OpenMeteoClient weather, PlaceFinder finder, WeatherFormatter formatter) {
        this.weather = weather;
        this.finder = finder;
        this.formatter = formatter;
    }

    /**
     * The results for a query typed by the user whose settings {@code r} holds. Always personal: the answers are in
     * the user's language and units, and an empty query is about their own home.
     */
    InlineResults answer(String query, Request r) {
        List<Target> places;
        try {
            places = candidates(query == null ? "" : query.strip(), r);
        } catch (WeatherUnavailableException e) {
            places = List.of();
        }
        List<InlineResults.Article> articles = new ArrayList<>();
        for (Target place : places) {
            article(articles.size(), place, r).ifPresent(articles::add);
        }
        return new InlineResults(articles, true, articles.isEmpty() ? EMPTY_CACHE_SECONDS : CACHE_SECONDS);
    }

    private List<Target> candidates(String query, Request r) {
        if (query.isEmpty()) {
            return r.storeDown() ? List.of() : r.settings().home().map(Target::of).stream().toList();
        }
        return finder.named(query, "weather", r)
                .map(t -> Stream.concat(Stream.of(t.alone()), t.others().stream()).limit(MAX_RESULTS).toList())
                .orElse(List.of());
    }

    private Optional<InlineResults.Article> article(int index, Target place, Request r) {
        Forecast forecast;
        try {
            forecast = weather.forecast(place.latitude(), place.longitude(), r.units());
        } catch (WeatherUnavailableException e) {
            return Optional.empty();
        }
        String html = formatter.now(Html.escape(place.title()), forecast, r.units(), r.t());
        return Optional.of(new InlineResults.Article(Integer.toString(index),
                place.title() + " — " + formatter.headline(forecast, r.units(), r.t()),
                formatter.outlook(forecast, r.units(), r.t()), html));
    }
}
