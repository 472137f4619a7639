package dev.weatheragent.bot;

import dev.weatheragent.telegram.Html;
import dev.weatheragent.telegram.TelegramTypes.BotCommand;
import dev.weatheragent.weather.Forecast;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Place;
import dev.weatheragent.weather.Units;
import dev.weatheragent.weather.WeatherUnavailableException;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's commands: {@code /start}, {@code /help}, {@code /weather}, {@code /forecast}, {@code /units}, shared
 * locations, and free text through the {@link FreeTextHandler}. Every path ends in a reply, never in silence.
 */
public final class WeatherBot {

    /** Longer place queries are not place names; the geocoder would only waste a call on them. */
    static final int MAX_QUERY_LENGTH = 100;
    private static final int CANDIDATES = 10;
    private static final int DEFAULT_DAYS = 3;
    private static final int OTHERS_SHOWN = 3;

    private final OpenMeteoClient weather;
    private final ChatSettings settings;
    private final FreeTextHandler freeText;
    private final WeatherFormatter formatter;

    public WeatherBot(OpenMeteoClient weather, ChatSettings settings, FreeTextHandler freeText, Clock clock) {
        this.weather = weather;
        this.settings = settings;
        this.freeText = freeText;
        this.formatter = new WeatherFormatter(clock);
    }

    /** The kind of message and what came of it, for the log line. */
    public record Result(String kind, String outcome) {
    }

    /** Answers one message. */
    public Result handle(Incoming in, Replier out) {
        Texts t = Texts.forLanguage(in.languageCode());
        if (in.location() != null) {
            return new Result("location", weatherAt(in, out, t));
        }
        String text = in.text() == null ? "" : in.text().strip();
        if (text.startsWith("/")) {
            int space = indexOfWhitespace(text);
            String command = text.substring(1, space < 0 ? text.length() : space).toLowerCase(Locale.ROOT);
            String args = space < 0 ? "" : text.substring(space + 1).strip();
            return command(command, args, in, out, t);
        }
        if (text.isEmpty()) {
            return new Result("other", in.privateChat() ? send(out, t.get("unsupported")) : "ignored");
        }
        return new Result("text", in.privateChat() ? freeText.answer(in, out, this::fallback) : "ignored");
    }

    /** The command menus Telegram shows, by language code ("" for the default). */
    public static Map<String, List<BotCommand>> menus() {
        return Map.of("", menu(Texts.forLanguage("en")), "uk", menu(Texts.forLanguage("uk")));
    }

    private static List<BotCommand> menu(Texts t) {
        return List.of(
                new BotCommand("weather", t.get("menu.weather")),
                new BotCommand("forecast", t.get("menu.forecast")),
                new BotCommand("units", t.get("menu.units")),
                new BotCommand("reset", t.get("menu.reset")),
                new BotCommand("help", t.get("menu.help")));
    }

    private Result command(String command, String args, Incoming in, Replier out, Texts t) {
        String kind = "/" + command;
        return switch (command) {
            case "start", "help" -> new Result(kind, send(out, t.get("help")));
            case "weather" -> new Result(kind, args.isEmpty()
                    ? send(out, t.get("weather.usage"))
                    : weatherFor(args, in, out, t));
            case "forecast" -> new Result(kind, forecast(args, in, out, t));
            case "units" -> new Result(kind, units(args, in, out, t));
            case "reset" -> {
                freeText.reset(in.chatId());
                yield new Result(kind, send(out, t.get("reset.done")));
            }
            default -> new Result("/unknown", send(out, t.get("unknownCommand", "/" + abbreviate(command))));
        };
    }

    private String weatherFor(String query, Incoming in, Replier out, Texts t) {
        return withPlace(query, "weather", out, t, (place, note) -> {
            Units units = settings.units(in.chatId());
            Forecast forecast = weather.forecast(place.latitude(), place.longitude(), units);
            return formatter.now(Html.escape(place.label()), forecast, units, t) + note;
        });
    }

    /**
     * The answer to free text without a model: the current weather for a place the text names, found by trying its
     * capitalised words and word pairs with the geocoder, or an apology with the command hint.
     */
    private String fallback(Incoming in, Replier out, String noteHtml) {
        Texts t = Texts.forLanguage(in.languageCode());
        String prefix = noteHtml.isEmpty() ? "" : noteHtml + "\n\n";
        try {
            for (String candidate : PlaceGuesses.in(in.text())) {
                List<Place> places = weather.search(candidate, t.language(), CANDIDATES);
                if (!places.isEmpty()) {
                    Place best = places.stream().max(Comparator.comparingLong(Place::population)).orElseThrow();
                    Units units = settings.units(in.chatId());
                    Forecast forecast = weather.forecast(best.latitude(), best.longitude(), units);
                    String html = prefix + formatter.now(Html.escape(best.label()), forecast, units, t);
                    return out.reply(html) ? "fallback-weather" : "undelivered";
                }
            }
        } catch (WeatherUnavailableException e) {
            return unavailable(out, t);
        }
        return out.reply(prefix + t.get("agent.apology")) ? "fallback-apology" : "undelivered";
    }

    private String weatherAt(Incoming in, Replier out, Texts t) {
        Incoming.Point p = in.location();
        if (!Double.isFinite(p.latitude()) || !Double.isFinite(p.longitude())
                || Math.abs(p.latitude()) > 90 || Math.abs(p.longitude()) > 180) {
            return send(out, t.get("unsupported"));
        }
        Units units = settings.units(in.chatId());
        String title = t.get("label.point", String.format(Locale.ROOT, "%.4f, %.4f", p.latitude(), p.longitude()));
        try {
            Forecast forecast = weather.forecast(p.latitude(), p.longitude(), units);
            return send(out, formatter.now(title, forecast, units, t));
        } catch (WeatherUnavailableException e) {
            return unavailable(out, t);
        }
    }

    private String forecast(String args, Incoming in, Replier out, Texts t) {
        String query = args;
        int days = DEFAULT_DAYS;
        int lastSpace = indexOfLastWhitespace(args);
        String last = lastSpace < 0 ? args : args.substring(lastSpace + 1);
        if (last.matches("[+-]?\\d+([.,]\\d+)?")) {
            Optional<Integer> parsed = parseDays(last);
            if (parsed.isEmpty()) {
                return send(out, t.get("forecast.days", last));
            }
            days = parsed.get();
            query = lastSpace < 0 ? "" : args.substring(0, lastSpace).strip();
        }
        if (query.isEmpty()) {
            return send(out, t.get("forecast.usage"));
        }
        int n = days;
        return withPlace(query, "forecast", out, t, (place, note) -> {
            Units units = settings.units(in.chatId());
            Forecast forecast = weather.forecast(place.latitude(), place.longitude(), units);
            return formatter.days(Html.escape(place.label()), forecast, n, units, t) + note;
        });
    }

    private static Optional<Integer> parseDays(String raw) {
        try {
            int days = Integer.parseInt(raw.startsWith("+") ? raw.substring(1) : raw);
            return days >= 1 && days <= OpenMeteoClient.MAX_DAYS ? Optional.of(days) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String units(String args, Incoming in, Replier out, Texts t) {
        Units chosen = switch (args.toLowerCase(Locale.ROOT)) {
            case "metric", "c", "°c", "si" -> Units.METRIC;
            case "imperial", "f", "°f", "us" -> Units.IMPERIAL;
            default -> null;
        };
        if (chosen == null) {
            Units current = settings.units(in.chatId());
            return send(out, t.get("units.usage", t.get("units.name." + current)));
        }
        settings.units(in.chatId(), chosen);
        return send(out, t.get("units.set", t.get("units.name." + chosen), t.get("units.describe." + chosen)));
    }

    /** Builds a reply for the best place matching the query, with a note when the name was ambiguous. */
    @FunctionalInterface
    private interface PlaceReply {
        String build(Place place, String noteHtml);
    }

    private String withPlace(String query, String command, Replier out, Texts t, PlaceReply reply) {
        if (query.length() > MAX_QUERY_LENGTH) {
            return send(out, t.get("query.tooLong"));
        }
        int comma = query.indexOf(',');
        String name = (comma < 0 ? query : query.substring(0, comma)).strip();
        String qualifier = comma < 0 ? "" : query.substring(comma + 1).strip();
        try {
            List<Place> candidates = name.isEmpty() ? List.of() : weather.search(name, t.language(), CANDIDATES)
                    .stream().filter(p -> matches(p, qualifier)).toList();
            if (candidates.isEmpty()) {
                return out.reply(t.get("notFound", query)) ? "not-found" : "undelivered";
            }
            Place best = candidates.stream()
                    .max(Comparator.comparingLong(Place::population))
                    .orElseThrow();
            String note = candidates.size() > 1 ? "\n\n" + ambiguity(query, command, best, candidates, t) : "";
            return send(out, reply.build(best, note));
        } catch (WeatherUnavailableException e) {
            return unavailable(out, t);
        }
    }

    private static String ambiguity(String query, String command, Place best, List<Place> candidates, Texts t) {
        List<Place> others = candidates.stream().filter(p -> p != best).toList();
        String shown = String.join("; ", others.stream().limit(OTHERS_SHOWN).map(Place::label).toList());
        Place example = others.getFirst();
        String where = example.admin1() != null && !example.admin1().isBlank() ? example.admin1() : example.country();
        return t.get("ambiguous", candidates.size(), query, shown, command, example.name(),
                where == null ? "" : where);
    }

    /** Whether the place fits the part after the comma: a region, a country or a country code. */
    private static boolean matches(Place place, String qualifier) {
        if (qualifier.isEmpty()) {
            return true;
        }
        String q = qualifier.toLowerCase(Locale.ROOT);
        for (String field : new String[] {place.admin1(), place.country(), place.countryCode()}) {
            if (field != null && field.toLowerCase(Locale.ROOT).startsWith(q)) {
                return true;
            }
        }
        return false;
    }

    private static String unavailable(Replier out, Texts t) {
        return out.reply(t.get("unavailable")) ? "weather-unavailable" : "undelivered";
    }

    private static String send(Replier out, String html) {
        return out.reply(html) ? "answered" : "undelivered";
    }

    private static String abbreviate(String command) {
        return command.length() > 32 ? command.substring(0, 32) + "…" : command;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfLastWhitespace(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
