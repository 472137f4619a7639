package dev.weatheragent.bot;

import dev.weatheragent.store.AlertSubscription;
import dev.weatheragent.store.ChatSettings;
import dev.weatheragent.store.DailySubscription;
import dev.weatheragent.weather.Units;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The buttons under {@code /settings}: units, language, alerts on or off, the daily forecast's time. Each carries
 * the typed command it stands for ({@code /units imperial}), so that a press runs exactly that command's code; the
 * current choice is ticked.
 */
final class SettingsKeyboard {

    static final char ACTION = 'c';
    /** The commands a settings button may run, by the letter its data names it with, and the arguments allowed. */
    static final Map<String, String> COMMANDS = Map.of("u", "units", "l", "language", "a", "alerts", "d", "daily");
    static final List<LocalTime> DAILY_TIMES = List.of(LocalTime.of(7, 0), LocalTime.of(8, 0), LocalTime.of(9, 0));

    private final ButtonCodec codec;

    SettingsKeyboard(ButtonCodec codec) {
        this.codec = codec;
    }

    /** The typed arguments a button of this command may carry. */
    static boolean allowed(String command, String arg) {
        return switch (command) {
            case "units" -> arg.equals("metric") || arg.equals("imperial");
            case "language" -> arg.equals("en") || arg.equals("uk") || arg.equals("auto");
            case "alerts" -> arg.equals("on") || arg.equals("off");
            case "daily" -> arg.equals("off") || DAILY_TIMES.stream().anyMatch(t -> t.toString().equals(arg));
            default -> false;
        };
    }

    Keyboard keyboard(long chatId, ChatSettings s, Optional<DailySubscription> daily,
                      Optional<AlertSubscription> alerts, Texts t) {
        List<List<Keyboard.Button>> rows = new ArrayList<>();
        rows.add(List.of(button(chatId, t, "units.METRIC", "u", "metric", s.units() == Units.METRIC),
                button(chatId, t, "units.IMPERIAL", "u", "imperial", s.units() == Units.IMPERIAL)));
        List<Keyboard.Button> languages = new ArrayList<>();
        for (String code : List.of("en", "uk", "auto")) {
            languages.add(button(chatId, t, "language." + code, "l", code, s.language().code().equals(code)));
        }
        rows.add(languages);
        rows.add(List.of(button(chatId, t, "alerts.on", "a", "on", alerts.isPresent()),
                button(chatId, t, "alerts.off", "a", "off", alerts.isEmpty())));
        List<Keyboard.Button> times = new ArrayList<>();
        for (LocalTime time : DAILY_TIMES) {
            boolean current = daily.map(d -> d.time().equals(time)).orElse(false);
            String label = t.get("button.daily", time.toString());
            times.add(new Keyboard.Button(current ? t.get("button.current", label) : label,
                    codec.encode(chatId, ACTION, "d", time.toString())));
        }
        times.add(button(chatId, t, "daily.off", "d", "off", daily.isEmpty()));
        rows.add(times);
        return new Keyboard(rows);
    }

    private Keyboard.Button button(long chatId, Texts t, String labelKey, String command, String arg,
                                   boolean current) {
        String label = t.get("button." + labelKey);
        return new Keyboard.Button(current ? t.get("button.current", label) : label,
                codec.encode(chatId, ACTION, command, arg));
    }
}
