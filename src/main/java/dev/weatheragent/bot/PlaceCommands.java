package dev.weatheragent.bot;

import dev.weatheragent.schedule.DailyTimes;
import dev.weatheragent.store.AlertSubscription;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.store.DailySubscription;
import dev.weatheragent.store.NamedPlace;
import dev.weatheragent.store.SaveOutcome;
import dev.weatheragent.store.SavedPlace;
import dev.weatheragent.store.StoreUnavailableException;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Units;
import dev.weatheragent.weather.WeatherUnavailableException;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The chat's places: {@code /home [place]}, {@code /save name place}, {@code /places}, {@code /forget name}. A place
 * is resolved like {@code /weather} resolves it (ambiguity said aloud), or is the location shared a moment ago.
 */
final class PlaceCommands implements CommandHandler {

    private final OpenMeteoClient weather;
    private final PlaceFinder finder;
    private final RecentLocations recent;
    private final Clock clock;

    PlaceCommands(OpenMeteoClient weather, PlaceFinder finder, RecentLocations recent, Clock clock) {
        this.weather = weather;
        this.finder = finder;
        this.recent = recent;
        this.clock = clock;
    }

    @Override
    public Set<String> commands() {
        return Set.of("home", "save", "places", "forget");
    }

    @Override
    public String handle(String command, String args, Request r) {
        return switch (command) {
            case "home" -> home(args, r);
            case "save" -> save(args, r);
            case "places" -> list(r);
            default -> forget(args, r);
        };
    }

    private String home(String args, Request r) {
        if (r.storeDown()) {
            return r.storeUnavailable();
        }
        if (!args.isEmpty()) {
            return finder.withPlace(args, "home", "home.usage", r, target -> saveHome(target, r));
        }
        Optional<Incoming.Point> shared = recent.get(r.chatId());
        if (shared.isPresent()) {
            try {
                return saveHome(PlaceFinder.Target.of(shared.get(), r.t()), r);
            } catch (WeatherUnavailableException e) {
                return PlaceFinder.unavailable(r);
            }
        }
        return r.settings().home()
                .map(home -> r.reply(r.t().get("home.show", home.label())))
                .orElseGet(() -> r.reply(r.t().get("home.usage")));
    }

    private String saveHome(PlaceFinder.Target target, Request r) {
        SavedPlace place = toSave(target);
        Optional<DailySubscription> moved;
        Optional<AlertSubscription> alerts;
        try {
            moved = dailyAtHome(r).map(d -> movedTo(d, place));
            alerts = r.store().alerts().alerts(r.chatId())
                    .map(a -> new AlertSubscription(a.chatId(), place, a.telegramLanguage(), a.paused()));
        } catch (StoreUnavailableException e) {
            return r.storeUnavailable();
        }
        StringBuilder confirmation = new StringBuilder(r.t().get("home.set", place.label()));
        moved.ifPresent(d -> confirmation.append('\n').append(r.t().get("daily.movedHome", d.time().toString(),
                d.place().timezone())));
        alerts.ifPresent(a -> confirmation.append('\n').append(r.t().get("alerts.movedHome")));
        return r.save(() -> {
            r.store().home(r.chatId(), place);
            moved.ifPresent(d -> r.store().subscriptions().subscribe(d));
            alerts.ifPresent(a -> r.store().alerts().subscribe(a, clock.instant()));
        }, target.notes().around(confirmation.toString()));
    }

    /** The chat's daily forecast if it is for the home place: it moves with the home. */
    private static Optional<DailySubscription> dailyAtHome(Request r) {
        Optional<SavedPlace> home = r.settings().home();
        if (home.isEmpty()) {
            return Optional.empty();
        }
        return r.store().subscriptions().daily(r.chatId()).filter(d -> d.place().latitude() == home.get().latitude()
                && d.place().longitude() == home.get().longitude());
    }

    /** The same time of day at the new place, next due in that place's time zone. */
    private DailySubscription movedTo(DailySubscription d, SavedPlace place) {
        return new DailySubscription(d.chatId(), place, d.time(), d.telegramLanguage(), d.paused(),
                DailyTimes.firstAfter(clock.instant(), d.time(), DailyTimes.zone(place.timezone())));
    }

    private String save(String args, Request r) {
        String[] parts = args.split("\\s+", 2);
        String name = parts[0];
        if (name.isEmpty()) {
            return r.reply(r.t().get("save.usage"));
        }
        Optional<String> problem = PlaceNameRules.problem(name);
        if (problem.isPresent()) {
            return r.reply(r.t().get(problem.get(), PlaceNameRules.MAX_LENGTH) + "\n" + r.t().get("save.usage"));
        }
        if (r.storeDown()) {
            return r.storeUnavailable();
        }
        if (parts.length == 1) {
            Optional<Incoming.Point> shared = recent.get(r.chatId());
            if (shared.isEmpty()) {
                return r.reply(r.t().get("save.usage"));
            }
            try {
                return saveNamed(name, PlaceFinder.Target.of(shared.get(), r.t()), r);
            } catch (WeatherUnavailableException e) {
                return PlaceFinder.unavailable(r);
            }
        }
        return finder.withPlace(parts[1].strip(), "save " + name, "save.usage", r,
                target -> saveNamed(name, target, r));
    }

    private String saveNamed(String name, PlaceFinder.Target target, Request r) {
        SavedPlace place = toSave(target);
        SaveOutcome outcome;
        try {
            outcome = r.store().savePlace(r.chatId(), name, place);
        } catch (StoreUnavailableException e) {
            return r.storeUnavailable();
        }
        if (outcome == SaveOutcome.FULL) {
            return r.reply(r.t().get("save.full", ChatStore.MAX_PLACES), "places-full");
        }
        String key = outcome == SaveOutcome.REPLACED ? "save.replaced" : "save.saved";
        return r.confirm(target.notes().around(r.t().get(key, name, place.label(), name)));
    }

    /**
     * The place as stored, with its time zone (needed for anything scheduled in local time); a shared point gets
     * its zone from Open-Meteo.
     *
     * @throws WeatherUnavailableException when Open-Meteo does not answer for a point
     */
    private SavedPlace toSave(PlaceFinder.Target target) {
        String zone = target.timezone() != null ? target.timezone()
                : weather.forecast(target.latitude(), target.longitude(), Units.METRIC).timezone();
        return new SavedPlace(target.title(), target.latitude(), target.longitude(), zone);
    }

    private String list(Request r) {
        Optional<List<NamedPlace>> stored = r.places();
        if (stored.isEmpty()) {
            return r.settingsUnreadable();
        }
        List<NamedPlace> places = stored.get();
        StringBuilder html = new StringBuilder();
        html.append(r.settings().home().map(h -> r.t().get("places.home", h.label()))
                .orElseGet(() -> r.t().get("places.noHome")));
        if (places.isEmpty()) {
            html.append("\n\n").append(r.t().get("places.none"));
        } else {
            html.append("\n\n").append(r.t().get("places.title", places.size(), ChatStore.MAX_PLACES));
            for (NamedPlace p : places) {
                html.append('\n').append(r.t().get("places.item", p.name(), p.place().label()));
            }
            html.append("\n\n").append(r.t().get("places.use", places.getFirst().name()));
        }
        return r.reply(html.toString());
    }

    private String forget(String args, Request r) {
        if (args.isEmpty()) {
            return r.reply(r.t().get("forget.usage"));
        }
        if (r.storeDown()) {
            return r.storeUnavailable();
        }
        try {
            return r.store().forgetPlace(r.chatId(), args) ? r.confirm(r.t().get("forget.done", args))
                    : r.reply(r.t().get("forget.none", args), "not-found");
        } catch (StoreUnavailableException e) {
            return r.storeUnavailable();
        }
    }
}
