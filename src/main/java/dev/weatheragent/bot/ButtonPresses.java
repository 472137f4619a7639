package dev.weatheragent.bot;

import dev.weatheragent.bot.PlaceFinder.Target;
import dev.weatheragent.telegram.Html;
import dev.weatheragent.weather.WeatherUnavailableException;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Acts on a press of one of the bot's buttons: checks its data ({@link ButtonCodec}), then edits the message it is
 * under into the answer the button asks for, or runs the typed command a settings button stands for. Whatever the
 * data, a press never throws and always has a toast or none to answer it with; stale, forged and foreign data change
 * nothing.
 */
final class ButtonPresses {

    private static final System.Logger LOG = System.getLogger(ButtonPresses.class.getName());
    /** Telegram's limit for the text of a callback answer. */
    static final int TOAST_LIMIT = 200;

    /** What came of a press: the outcome for the log line and the toast for the presser (null for none). */
    record Pressed(String outcome, String toast) {
    }

    private final ButtonCodec codec;
    private final PlaceButtons places;
    private final WeatherCommands weather;
    private final ChartCommand charts;
    private final RecentLocations recent;
    private final Function<String, CommandHandler> commands;

    ButtonPresses(ButtonCodec codec, PlaceButtons places, WeatherCommands weather, ChartCommand charts,
                  RecentLocations recent, Function<String, CommandHandler> commands) {
        this.codec = codec;
        this.places = places;
        this.weather = weather;
        this.charts = charts;
        this.recent = recent;
        this.commands = commands;
    }

    /** Handles the press; {@code r}'s replier edits the message the button is under. */
    Pressed press(Press press, Request r) {
        if (!press.messageAvailable()) {
            return new Pressed("stale", r.t().get("button.stale"));
        }
        return switch (codec.decode(press.chatId(), press.data())) {
            case ButtonCodec.Stale stale -> new Pressed("stale", r.t().get("button.stale"));
            case ButtonCodec.Rejected rejected -> {
                LOG.log(System.Logger.Level.INFO, "button press in chat " + press.chatId() + " rejected: "
                        + rejected.why());
                yield new Pressed("rejected", r.t().get("button.invalid"));
            }
            case ButtonCodec.Valid valid -> act(valid, r).orElseGet(() -> new Pressed("stale",
                    r.t().get("button.stale")));
        };
    }

    /** Empty when the data is this build's and signed, but asks for something this build does not know. */
    private Optional<Pressed> act(ButtonCodec.Valid valid, Request r) {
        List<String> f = valid.fields();
        return switch (valid.action()) {
            case PlaceButtons.ACTION, PlaceButtons.CHART_ACTION -> f.size() == 3
                    ? view(valid.action(), f.get(0), number(f.get(1)), number(f.get(2)), r) : Optional.empty();
            case SettingsKeyboard.ACTION -> f.size() == 2 ? setting(f.get(0), f.get(1), r) : Optional.empty();
            case WeatherCommands.SAVE_HOME -> f.size() == 2 ? saveHome(number(f.get(0)), number(f.get(1)), r)
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private Optional<Pressed> view(char action, String ref, int index, int days, Request r) {
        Optional<List<Target>> known = places.places(r.chatId(), ref);
        if (known.isEmpty() || index < 0 || index >= known.get().size()
                || !PlaceButtons.choices(action).contains(days)) {
            return Optional.empty();
        }
        Target target = known.get().get(index);
        Keyboard buttons = places.keyboard(r.chatId(), ref, known.get(), index, days, r.t(), action);
        try {
            if (action == PlaceButtons.CHART_ACTION) {
                return Optional.of(charts.redraw(target, days, r, buttons)
                        ? new Pressed("chart", null) : new Pressed("chart-failed", toast(r.t().get("button.failed"))));
            }
            String html = weather.view(target, days, r);
            return Optional.of(new Pressed(r.reply(html, buttons), null));
        } catch (WeatherUnavailableException e) {
            return Optional.of(new Pressed("weather-unavailable", toast(r.t().get("unavailable"))));
        }
    }

    /** Runs the typed command the button stands for, then shows the settings as they are now. */
    private Optional<Pressed> setting(String letter, String arg, Request r) {
        String command = SettingsKeyboard.COMMANDS.get(letter);
        if (command == null || !SettingsKeyboard.allowed(command, arg)) {
            return Optional.empty();
        }
        Captured said = new Captured();
        String outcome = commands.apply(command).handle(command, arg, r.withReplier(said));
        Request now = r.reread();
        // With the settings unreadable the message keeps its last state and buttons; the toast says what happened.
        if (!now.storeDown()) {
            commands.apply("settings").handle("settings", "", now);
        }
        return Optional.of(new Pressed(outcome, toast(said.html)));
    }

    /** Saves the point a location answer is about as home, as {@code /home} right after sharing it does. */
    private Optional<Pressed> saveHome(int latitudeE4, int longitudeE4, Request r) {
        Incoming.Point point = new Incoming.Point(latitudeE4 / 10_000.0, longitudeE4 / 10_000.0);
        if (Math.abs(point.latitude()) > 90 || Math.abs(point.longitude()) > 180) {
            return Optional.empty();
        }
        recent.put(r.chatId(), point);
        Captured said = new Captured();
        String outcome = commands.apply("home").handle("home", "", r.withReplier(said));
        return Optional.of(new Pressed(outcome, toast(said.html)));
    }

    private static int number(String field) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    /** A reply as a toast: plain text within Telegram's 200 characters. */
    static String toast(String html) {
        if (html == null) {
            return null;
        }
        String plain = Html.toPlainText(html).strip();
        int paragraph = plain.indexOf("\n\n");
        String first = paragraph < 0 ? plain : plain.substring(0, paragraph);
        return first.length() <= TOAST_LIMIT ? first : first.substring(0, TOAST_LIMIT - 1) + "…";
    }

    /** Keeps what a command answered, to show it as the toast instead of a new message. */
    private static final class Captured implements Replier {

        private String html;

        @Override
        public boolean reply(String text) {
            html = text;
            return true;
        }

        @Override
        public boolean photo(byte[] png, String captionHtml) {
            return false;
        }

        @Override
        public int captionLimit() {
            return 0;
        }
    }
}
