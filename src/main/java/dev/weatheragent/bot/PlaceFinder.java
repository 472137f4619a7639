package dev.weatheragent.bot;

import dev.weatheragent.store.NamedPlace;
import dev.weatheragent.store.SavedPlace;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Place;
import dev.weatheragent.weather.PlaceMatch;
import dev.weatheragent.weather.PlaceResolver;
import dev.weatheragent.weather.WeatherUnavailableException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What place a command means: a name the chat saved ({@code work}), {@code home}, a place the geocoder finds
 * ({@code Paris, Texas}), or, with no place at all, the location shared a moment ago or else the home place.
 */
final class PlaceFinder {

    /** Longer place queries are not place names; the geocoder would only waste a call on them. */
    static final int MAX_QUERY_LENGTH = 100;
    /** Words for the home place in a command: {@code /weather home}. */
    static final Set<String> HOME_WORDS = Set.of("home", "дім", "додому");

    /**
     * Where an answer is for.
     *
     * @param title    plain text (escape it for HTML)
     * @param timezone IANA zone, null for a shared point (Open-Meteo tells it with the forecast)
     * @param notes    how the place was chosen among others
     * @param others   the other places the query fits, best ranked first, for buttons to switch to
     */
    record Target(String title, double latitude, double longitude, String timezone, PlaceNotes notes,
                  List<Target> others) {

        Target {
            others = List.copyOf(others);
        }

        static Target of(Place place, PlaceNotes notes) {
            return new Target(place.label(), place.latitude(), place.longitude(), place.timezone(), notes, List.of());
        }

        static Target of(SavedPlace place) {
            return new Target(place.label(), place.latitude(), place.longitude(), place.timezone(), PlaceNotes.NONE,
                    List.of());
        }

        static Target of(Incoming.Point point, Texts t) {
            return new Target(pointTitle(point, t), point.latitude(), point.longitude(), null, PlaceNotes.NONE,
                    List.of());
        }

        /** This place alone, without notes or others: as a button shows it. */
        Target alone() {
            return new Target(title, latitude, longitude, timezone, PlaceNotes.NONE, List.of());
        }
    }

    /** Answers for the place found; returns the outcome. May throw {@link WeatherUnavailableException}. */
    @FunctionalInterface
    interface Answer {
        String answer(Target target);
    }

    private final PlaceResolver resolver;
    private final RecentLocations recent;

    PlaceFinder(OpenMeteoClient weather, RecentLocations recent) {
        this.resolver = new PlaceResolver(weather);
        this.recent = recent;
    }

    /**
     * Finds the place and answers for it; replies itself when there is none (with {@code usageKey}'s text when
     * the query is empty and no home place is set), or when Open-Meteo is down.
     */
    String withPlace(String query, String command, String usageKey, Request r, Answer answer) {
        try {
            Optional<Target> target = query.isEmpty() ? implicit(r) : named(query, command, r);
            if (target.isPresent()) {
                return answer.answer(target.get());
            }
            if (!query.isEmpty()) {
                return query.length() > MAX_QUERY_LENGTH ? r.reply(r.t().get("query.tooLong"))
                        : r.reply(r.t().get("notFound", query), "not-found");
            }
            return r.storeDown() ? r.settingsUnreadable()
                    : r.reply(r.t().get(usageKey) + "\n" + r.t().get("home.hint"));
        } catch (WeatherUnavailableException e) {
            return unavailable(r);
        }
    }

    static String unavailable(Request r) {
        return r.reply(r.t().get("unavailable"), "weather-unavailable");
    }

    /** No place given: the location shared a moment ago, else the home place. */
    private Optional<Target> implicit(Request r) {
        Optional<Incoming.Point> shared = recent.get(r.chatId());
        if (shared.isPresent()) {
            return Optional.of(Target.of(shared.get(), r.t()));
        }
        return r.settings().home().map(Target::of);
    }

    /** A saved name or the home word first, then the geocoder. Empty when nothing fits or the query is too long. */
    Optional<Target> named(String query, String command, Request r) {
        if (query.length() > MAX_QUERY_LENGTH) {
            return Optional.empty();
        }
        if (HOME_WORDS.contains(query.toLowerCase(Locale.ROOT)) && r.settings().home().isPresent()) {
            return r.settings().home().map(Target::of);
        }
        Optional<NamedPlace> saved = savedPlace(query, r);
        if (saved.isPresent()) {
            return saved.map(p -> Target.of(p.place()));
        }
        return resolver.resolve(query, r.t().language()).map(match -> geocoded(match, query, command, r.t()));
    }

    private static Optional<NamedPlace> savedPlace(String query, Request r) {
        return r.storeDown() || !PlaceNameRules.couldBeName(query) ? Optional.empty() : r.settings().place(query);
    }

    private static Target geocoded(PlaceMatch match, String query, String command, Texts t) {
        Target chosen = Target.of(match.place(), PlaceNotes.of(match, query, command, t));
        // A qualifier that matched nothing: the place is the nearest, not one of several that fit.
        List<Place> others = match.unmatched().isEmpty() ? match.others() : List.of();
        return new Target(chosen.title(), chosen.latitude(), chosen.longitude(), chosen.timezone(), chosen.notes(),
                others.stream().map(p -> Target.of(p, PlaceNotes.NONE)).toList());
    }

    /** The likeliest place of this name by the geocoder alone, with no notes: for guesses in free text. */
    Optional<Target> likeliest(String name, Texts t) {
        return resolver.resolve(name, t.language()).map(match -> Target.of(match.place(), PlaceNotes.NONE));
    }

    /** The title for a shared point: plain text, safe as HTML too (digits, a comma, the word for "location"). */
    static String pointTitle(Incoming.Point p, Texts t) {
        return t.get("label.point", String.format(Locale.ROOT, "%.4f, %.4f", p.latitude(), p.longitude()));
    }
}
