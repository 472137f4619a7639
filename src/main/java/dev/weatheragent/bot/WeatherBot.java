package dev.weatheragent.bot;

import dev.weatheragent.chart.ChartData;
import dev.weatheragent.chart.ChartLabels;
import dev.weatheragent.chart.ChartService;
import dev.weatheragent.chart.ChartUnavailableException;
import dev.weatheragent.telegram.Html;
import dev.weatheragent.telegram.TelegramTypes.BotCommand;
import dev.weatheragent.weather.Forecast;
import dev.weatheragent.weather.HourlyForecast;
import dev.weatheragent.weather.OpenMeteoClient;
import dev.weatheragent.weather.Place;
import dev.weatheragent.weather.PlaceMatch;
import dev.weatheragent.weather.PlaceResolver;
import dev.weatheragent.weather.Units;
import dev.weatheragent.weather.WeatherUnavailableException;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's commands: {@code /start}, {@code /help}, {@code /weather}, {@code /forecast}, {@code /chart},
 * {@code /units}, shared locations, and free text through the {@link FreeTextHandler}. Every path ends in a reply,
 * never in silence: a chart that cannot be drawn or sent becomes the text forecast.
 */
public final class WeatherBot {

    private static final System.Logger LOG = System.getLogger(WeatherBot.class.getName());
    /** Longer place queries are not place names; the geocoder would only waste a call on them. */
    static final int MAX_QUERY_LENGTH = 100;
    /** Charts cover the hourly forecast's week. */
    static final int MAX_CHART_DAYS = OpenMeteoClient.HOURLY_DAYS;
    /** Telegram's limit for a photo caption, in characters after entity parsing. */
    static final int CAPTION_LIMIT = 1024;
    private static final int DEFAULT_DAYS = 3;

    private final OpenMeteoClient weather;
    private final PlaceResolver places;
    private final ChatSettings settings;
    private final FreeTextHandler freeText;
    private final Clock clock;
    private final WeatherFormatter formatter;
    private final ChartService charts;

    public WeatherBot(OpenMeteoClient weather, ChatSettings settings, FreeTextHandler freeText, Clock clock) {
        this(weather, settings, freeText, clock, ChartService.standard());
    }

    /** As above, drawing charts with this service (which loads nothing until the first chart). */
    public WeatherBot(OpenMeteoClient weather, ChatSettings settings, FreeTextHandler freeText, Clock clock,
                      ChartService charts) {
        this.weather = weather;
        this.places = new PlaceResolver(weather);
        this.settings = settings;
        this.freeText = freeText;
        this.clock = clock;
        this.formatter = new WeatherFormatter(clock);
        this.charts = charts;
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
                new BotCommand("chart", t.get("menu.chart")),
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
            case "chart" -> new Result(kind, chart(args, in, out, t));
            case "units" -> new Result(kind, units(args, in, out, t));
            case "reset" -> {
                freeText.reset(in.chatId());
                yield new Result(kind, send(out, t.get("reset.done")));
            }
            default -> new Result("/unknown", send(out, t.get("unknownCommand", "/" + abbreviate(command))));
        };
    }

    private String weatherFor(String query, Incoming in, Replier out, Texts t) {
        return withPlace(query, "weather", out, t, (place, notes) -> send(out, notes.around(nowAt(place, in, t))));
    }

    /** The /weather answer for a place, in the chat's units. */
    private String nowAt(Place place, Incoming in, Texts t) {
        Units units = settings.units(in.chatId());
        Forecast forecast = weather.forecast(place.latitude(), place.longitude(), units);
        return formatter.now(Html.escape(place.label()), forecast, units, t);
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
                Optional<PlaceMatch> match = places.resolve(candidate, t.language());
                if (match.isPresent()) {
                    String html = prefix + nowAt(match.get().place(), in, t);
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
        settings.lastLocation(in.chatId(), p);
        Units units = settings.units(in.chatId());
        String title = pointTitle(p, t);
        try {
            Forecast forecast = weather.forecast(p.latitude(), p.longitude(), units);
            return send(out, formatter.now(title, forecast, units, t));
        } catch (WeatherUnavailableException e) {
            return unavailable(out, t);
        }
    }

    private String forecast(String args, Incoming in, Replier out, Texts t) {
        PlaceAndDays request = PlaceAndDays.parse(args, OpenMeteoClient.MAX_DAYS);
        if (request.badDays() != null) {
            return send(out, t.get("forecast.days", request.badDays()));
        }
        if (request.query().isEmpty()) {
            return send(out, t.get("forecast.usage"));
        }
        return withPlace(request.query(), "forecast", out, t, (place, notes) -> {
            Units units = settings.units(in.chatId());
            Forecast forecast = weather.forecast(place.latitude(), place.longitude(), units);
            String days = formatter.days(Html.escape(place.label()), forecast, request.days(), units, t);
            return send(out, notes.around(days));
        });
    }

    /**
     * {@code /chart <place> [days]}, or {@code /chart [days]} after sharing a location: a picture of the hourly
     * temperature and precipitation for 1 to 7 days.
     */
    private String chart(String args, Incoming in, Replier out, Texts t) {
        PlaceAndDays request = PlaceAndDays.parse(args, MAX_CHART_DAYS);
        if (request.badDays() != null) {
            return send(out, t.get("chart.days", request.badDays()));
        }
        if (request.query().isEmpty()) {
            Optional<Incoming.Point> shared = settings.lastLocation(in.chatId());
            if (shared.isEmpty()) {
                return send(out, t.get("chart.usage"));
            }
            Incoming.Point p = shared.get();
            try {
                return chartFor(pointTitle(p, t), p.latitude(), p.longitude(), request.days(), PlaceNotes.NONE,
                        in, out, t);
            } catch (WeatherUnavailableException e) {
                return unavailable(out, t);
            }
        }
        return withPlace(request.query(), "chart", out, t, (place, notes) ->
                chartFor(place.label(), place.latitude(), place.longitude(), request.days(), notes, in, out, t));
    }

    /**
     * Draws and sends the chart; when it cannot be drawn or Telegram does not take it, answers with the text
     * forecast for the same days instead.
     *
     * @param title plain text (the chart draws it; the caption escapes it)
     * @throws WeatherUnavailableException when Open-Meteo does not answer
     */
    private String chartFor(String title, double latitude, double longitude, int days, PlaceNotes notes,
                            Incoming in, Replier out, Texts t) {
        Units units = settings.units(in.chatId());
        HourlyForecast hourly = weather.hourly(latitude, longitude, units);
        byte[] png;
        int shownDays;
        try {
            ChartData data = ChartData.of(hourly, days, units, clock.instant());
            png = charts.render(data, labels(title, data, t));
            shownDays = data.days().size();
        } catch (IllegalArgumentException | ChartUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "chart for chat " + in.chatId() + " not drawn ("
                    + e.getMessage() + "); answering with text");
            return chartAsText(title, latitude, longitude, days, notes, in, out, t) ? "chart-failed-text"
                    : "undelivered";
        }
        String caption = t.get("chart.caption", title, shownDays);
        String withNotes = notes.around(caption);
        boolean notesFit = Html.toPlainText(withNotes).length() <= CAPTION_LIMIT;
        if (out.photo(png, notesFit ? withNotes : caption)) {
            if (!notesFit) {
                out.reply(notes.alone());
            }
            return "chart";
        }
        LOG.log(System.Logger.Level.WARNING, "chart for chat " + in.chatId() + " not delivered; answering with text");
        return chartAsText(title, latitude, longitude, days, notes, in, out, t) ? "chart-undelivered-text"
                : "undelivered";
    }

    private boolean chartAsText(String title, double latitude, double longitude, int days, PlaceNotes notes,
                                Incoming in, Replier out, Texts t) {
        Units units = settings.units(in.chatId());
        Forecast forecast = weather.forecast(latitude, longitude, units);
        return out.reply(t.get("chart.fallback") + "\n\n"
                + notes.around(formatter.days(Html.escape(title), forecast, days, units, t)));
    }

    private static ChartLabels labels(String title, ChartData data, Texts t) {
        Units units = data.units();
        String temperature = t.get("unit.temperature." + units);
        String precipitation = t.get("unit.precipitation." + units);
        return new ChartLabels(title,
                t.get("chart.image.subtitle", data.days().size(), new Texts.Raw(data.timezone())),
                t.get("chart.image.temperature", new Texts.Raw(temperature)),
                t.get("chart.image.precipitation", new Texts.Raw(precipitation)),
                t.get("chart.image.probability", new Texts.Raw("%")),
                temperature, precipitation, t.get("chart.image.dry"), t.get("chart.image.now"),
                t.get("chart.image.source"), t.locale());
    }

    /** The title for a shared point: plain text, safe as HTML too (digits, a comma, the word for "location"). */
    private static String pointTitle(Incoming.Point p, Texts t) {
        return t.get("label.point", String.format(Locale.ROOT, "%.4f, %.4f", p.latitude(), p.longitude()));
    }

    /**
     * A place query with an optional day count at the end: {@code "Lviv 5"}, {@code "Paris, Texas"}. A trailing
     * number out of range (or not whole) is reported in {@code badDays}.
     */
    private record PlaceAndDays(String query, int days, String badDays) {

        static PlaceAndDays parse(String args, int maxDays) {
            int lastSpace = indexOfLastWhitespace(args);
            String last = lastSpace < 0 ? args : args.substring(lastSpace + 1);
            if (!last.matches("[+-]?\\d+([.,]\\d+)?")) {
                return new PlaceAndDays(args, DEFAULT_DAYS, null);
            }
            String query = lastSpace < 0 ? "" : args.substring(0, lastSpace).strip();
            Optional<Integer> parsed = parseDays(last, maxDays);
            return parsed.map(days -> new PlaceAndDays(query, days, null))
                    .orElseGet(() -> new PlaceAndDays(query, DEFAULT_DAYS, last));
        }
    }

    private static Optional<Integer> parseDays(String raw, int maxDays) {
        try {
            int days = Integer.parseInt(raw.startsWith("+") ? raw.substring(1) : raw);
            return days >= 1 && days <= maxDays ? Optional.of(days) : Optional.empty();
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

    /** Answers for the place the query resolved to, with the notes about how it was chosen; returns the outcome. */
    @FunctionalInterface
    private interface PlaceReply {
        String answer(Place place, PlaceNotes notes);
    }

    private String withPlace(String query, String command, Replier out, Texts t, PlaceReply reply) {
        if (query.length() > MAX_QUERY_LENGTH) {
            return send(out, t.get("query.tooLong"));
        }
        try {
            Optional<PlaceMatch> found = places.resolve(query, t.language());
            if (found.isEmpty()) {
                return out.reply(t.get("notFound", query)) ? "not-found" : "undelivered";
            }
            PlaceMatch match = found.get();
            return reply.answer(match.place(), PlaceNotes.of(match, query, command, t));
        } catch (WeatherUnavailableException e) {
            return unavailable(out, t);
        }
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
