package dev.weatheragent.bot;

import dev.weatheragent.chart.ChartService;
import dev.weatheragent.store.ChatSettings;
import dev.weatheragent.store.ChatStore;
import dev.weatheragent.store.StoreUnavailableException;
import dev.weatheragent.weather.OpenMeteoClient;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Answers one message: reads the chat's settings once, then hands a command to its family's handler, a shared
 * location to the weather commands, and free text to the {@link FreeTextHandler}. Every path ends in a reply, never
 * in silence; when the settings cannot be read, the defaults answer and nothing claims to be saved.
 */
public final class WeatherBot {

    private static final System.Logger LOG = System.getLogger(WeatherBot.class.getName());

    /** The commands in the order Telegram's menu shows them; each has a {@code menu.<name>} text. */
    public static final List<String> MENU = List.of("weather", "forecast", "chart", "home", "places", "save",
            "daily", "alerts", "units", "language", "settings", "reset", "help");

    private final ChatStore store;
    private final FreeTextHandler freeText;
    private final WeatherCommands weather;
    private final ButtonPresses presses;
    private final InlineAnswers inline;
    private final Map<String, CommandHandler> commands = new HashMap<>();

    /** Buttons carry data made and checked by {@code buttons}. */
    public WeatherBot(OpenMeteoClient weather, ChatStore store, FreeTextHandler freeText, Clock clock,
                      ButtonCodec buttons) {
        this(weather, store, freeText, clock, ChartService.standard(), buttons);
    }

    /** As above, drawing charts with this service (which loads nothing until the first chart). */
    public WeatherBot(OpenMeteoClient weather, ChatStore store, FreeTextHandler freeText, Clock clock,
                      ChartService charts, ButtonCodec buttons) {
        this.store = store;
        this.freeText = freeText;
        RecentLocations recent = new RecentLocations(clock);
        PlaceFinder finder = new PlaceFinder(weather, recent);
        WeatherFormatter formatter = new WeatherFormatter(clock);
        PlaceButtons placeButtons = new PlaceButtons(buttons, RandomGenerator.getDefault());
        this.weather = new WeatherCommands(weather, finder, recent, formatter, placeButtons, buttons);
        ChartCommand chart = new ChartCommand(weather, finder, formatter, charts, clock, placeButtons);
        for (CommandHandler handler : List.of(this.weather, chart,
                new PlaceCommands(weather, finder, recent, clock),
                new DailyCommands(clock),
                new AlertCommands(clock),
                new SettingsCommands(freeText, recent, new SettingsKeyboard(buttons)))) {
            handler.commands().forEach(name -> commands.put(name, handler));
        }
        this.presses = new ButtonPresses(buttons, placeButtons, this.weather, chart, recent, commands::get);
        this.inline = new InlineAnswers(weather, finder, formatter);
    }

    /** The kind of message and what came of it, for the log line. */
    public record Result(String kind, String outcome) {
    }

    /** What came of a button press: for the log line, and the toast to answer the press with (null for none). */
    public record Pressed(String kind, String outcome, String toast) {
    }

    /**
     * Acts on a press of one of the bot's buttons; {@code edit} replaces the message the button is under. Never
     * throws for any data, and changes nothing for data that is stale, forged or from another chat.
     */
    public Pressed press(Press press, Replier edit) {
        Incoming in = new Incoming(press.chatId(), press.privateChat(), press.languageCode(), null, null);
        Request r = request(in, edit);
        ButtonPresses.Pressed pressed = presses.press(press, r);
        return new Pressed("button", pressed.outcome(), pressed.toast());
    }

    /**
     * The results for an inline query ({@code @bot Kyiv}) from this user, in their language and units; an empty
     * query offers their home place. Never throws for any query.
     */
    public InlineResults inline(long userId, String languageCode, String query) {
        Request r = request(new Incoming(userId, true, languageCode, null, null), Replier.NOWHERE);
        return inline.answer(TextCleaner.clean(query), r);
    }

    /** Answers one message. */
    public Result handle(Incoming in, Replier out) {
        Request r = request(in, out);
        String language = r.settings().language().replyLanguage(in.languageCode());
        if (in.location() != null) {
            return new Result("location", weather.location(r));
        }
        String text = in.text() == null ? "" : in.text().strip();
        if (text.startsWith("/")) {
            int space = indexOfWhitespace(text);
            String command = text.substring(1, space < 0 ? text.length() : space).toLowerCase(Locale.ROOT);
            String args = space < 0 ? "" : text.substring(space + 1).strip();
            return command(command, args, r);
        }
        if (text.isEmpty()) {
            return new Result("other", in.privateChat() ? r.reply(r.t().get("unsupported")) : "ignored");
        }
        if (!in.privateChat()) {
            return new Result("text", "ignored");
        }
        Incoming asked = new Incoming(in.chatId(), true, language, in.text(), null);
        return new Result("text", freeText.answer(asked, out,
                (message, replier, note) -> weather.fallback(r, message, replier, note)));
    }

    /** The chat's settings, read once, and the texts in its language; a paused daily forecast or alerts resume. */
    private Request request(Incoming in, Replier out) {
        ChatSettings settings;
        boolean storeDown = false;
        try {
            settings = store.settings(in.chatId());
        } catch (StoreUnavailableException e) {
            settings = ChatSettings.DEFAULTS;
            storeDown = true;
        }
        if (settings.dailyPaused()) {
            resumeDaily(in.chatId());
        }
        if (settings.alertsPaused()) {
            resumeAlerts(in.chatId());
        }
        String language = settings.language().replyLanguage(in.languageCode());
        return new Request(in, settings, storeDown, Texts.forLanguage(language), out, store);
    }

    /**
     * A chat that writes can be reached again: its daily forecast, paused when Telegram refused to deliver, resumes.
     * The settings read says whether it is paused, so a chat that is not costs nothing more.
     */
    private void resumeDaily(long chatId) {
        try {
            if (store.subscriptions().resume(chatId)) {
                LOG.log(System.Logger.Level.INFO, "daily forecast of chat " + chatId + " resumed: the chat wrote again");
            }
        } catch (StoreUnavailableException e) {
            // Tried again with the chat's next message; the reply does not wait for it.
        }
    }

    /** As {@link #resumeDaily}, for weather alerts. */
    private void resumeAlerts(long chatId) {
        try {
            if (store.alerts().resume(chatId)) {
                LOG.log(System.Logger.Level.INFO, "weather alerts of chat " + chatId + " resumed: the chat wrote again");
            }
        } catch (StoreUnavailableException e) {
            // Tried again with the chat's next message; the reply does not wait for it.
        }
    }

    private Result command(String command, String args, Request r) {
        String kind = "/" + command;
        CommandHandler handler = commands.get(command);
        if (handler != null) {
            return new Result(kind, handler.handle(command, args, r));
        }
        return switch (command) {
            case "start", "help" -> new Result(kind, r.reply(r.t().get("help")));
            case "reset" -> {
                freeText.reset(r.chatId());
                yield new Result(kind, r.reply(r.t().get("reset.done")));
            }
            default -> new Result("/unknown", r.reply(r.t().get("unknownCommand", "/" + abbreviate(command))));
        };
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
}
