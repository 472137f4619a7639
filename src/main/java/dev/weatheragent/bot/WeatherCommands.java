package dev.weatheragent.bot;

import dev.weatheragent.telegram.Html;
import dev.weatheragent.weather.Forecast;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.WeatherUnavailableException;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /weather} and {@code /forecast}, a shared location, and the answer to free text without a model. */
final class WeatherCommands implements CommandHandler {

    /** The action letter of a location answer's "Save as home" button. */
    static final char SAVE_HOME = 'h';

    private final OpenMeteoClient weather;
    private final PlaceFinder finder;
    private final RecentLocations recent;
    private final WeatherFormatter formatter;
    private final PlaceButtons buttons;
    private final ButtonCodec codec;

    WeatherCommands(OpenMeteoClient weather, PlaceFinder finder, RecentLocations recent, WeatherFormatter formatter,
                    PlaceButtons buttons, ButtonCodec codec) {
        this.weather = weather;
        this.finder = finder;
        this.recent = recent;
        this.formatter = formatter;
        this.buttons = buttons;
        this.codec = codec;
    }

    @Override
    public Set<String> commands() {
        return Set.of("weather", "forecast");
    }

    @Override
    public String handle(String command, String args, Request r) {
        return command.equals("weather") ? now(args, r) : forecast(args, r);
    }

    private String now(String query, Request r) {
        return finder.withPlace(query, "weather", "weather.usage", r,
                target -> r.reply(target.notes().around(nowAt(target, r)),
                        buttons.first(r.chatId(), target, 0, r.t())));
    }

    /** The answer a place button shows: the weather now ({@code days} 0) or the forecast for that many days. */
    String view(PlaceFinder.Target target, int days, Request r) {
        if (days == 0) {
            return nowAt(target, r);
        }
        Forecast forecast = weather.forecast(target.latitude(), target.longitude(), r.units());
        return formatter.days(Html.escape(target.title()), forecast, days, r.units(), r.t());
    }

    private String nowAt(PlaceFinder.Target target, Request r) {
        Forecast forecast = weather.forecast(target.latitude(), target.longitude(), r.units());
        return formatter.now(Html.escape(target.title()), forecast, r.units(), r.t());
    }

    private String forecast(String args, Request r) {
        PlaceAndDays request = PlaceAndDays.parse(args, OpenMeteoClient.MAX_DAYS);
        if (request.badDays() != null) {
            return r.reply(r.t().get("forecast.days", request.badDays()));
        }
        return finder.withPlace(request.query(), "forecast", "forecast.usage", r, target -> {
            Forecast forecast = weather.forecast(target.latitude(), target.longitude(), r.units());
            return r.reply(target.notes().around(
                    formatter.days(Html.escape(target.title()), forecast, request.days(), r.units(), r.t())),
                    buttons.first(r.chatId(), target, request.days(), r.t()));
        });
    }

    /** A shared location: the weather there, and a hint that {@code /home} keeps it. */
    String location(Request r) {
        Incoming.Point p = r.in().location();
        if (!Double.isFinite(p.latitude()) || !Double.isFinite(p.longitude())
                || Math.abs(p.latitude()) > 90 || Math.abs(p.longitude()) > 180) {
            return r.reply(r.t().get("unsupported"));
        }
        recent.put(r.chatId(), p);
        try {
            String html = nowAt(PlaceFinder.Target.of(p, r.t()), r);
            return r.reply(html + "\n\n" + r.t().get("location.hint"), new Keyboard(List.of(List.of(
                    new Keyboard.Button(r.t().get("button.saveHome"), codec.encode(r.chatId(), SAVE_HOME,
                            Long.toString(Math.round(p.latitude() * 10_000)),
                            Long.toString(Math.round(p.longitude() * 10_000))))))));
        } catch (WeatherUnavailableException e) {
            return PlaceFinder.unavailable(r);
        }
    }

    /**
     * The answer to free text without a model: the current weather for a place the text names, found by trying its
     * capitalised words and word pairs with the geocoder, or an apology with the command hint.
     */
    String fallback(Request r, Incoming in, Replier out, String noteHtml) {
        String prefix = noteHtml.isEmpty() ? "" : noteHtml + "\n\n";
        try {
            for (String candidate : PlaceGuesses.in(in.text())) {
                Optional<PlaceFinder.Target> target = finder.likeliest(candidate, r.t());
                if (target.isPresent()) {
                    return out.reply(prefix + nowAt(target.get(), r)) ? "fallback-weather" : "undelivered";
                }
            }
        } catch (WeatherUnavailableException e) {
            return out.reply(r.t().get("unavailable")) ? "weather-unavailable" : "undelivered";
        }
        return out.reply(prefix + r.t().get("agent.apology")) ? "fallback-apology" : "undelivered";
    }
}
