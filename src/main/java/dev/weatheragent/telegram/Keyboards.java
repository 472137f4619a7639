package dev.weatheragent.telegram;

import dev.weatheragent.bot.Keyboard;
import dev.weatheragent.telegram.TelegramTypes.InlineKeyboardButton;
import dev.weatheragent.telegram.TelegramTypes.InlineKeyboardMarkup;

/** The bot's buttons as Telegram's inline keyboard. */
final class Keyboards {

    private Keyboards() {
    }

    /** The inline keyboard for these buttons; null for none, which sends or leaves no keyboard. */
    static InlineKeyboardMarkup markup(Keyboard keyboard) {
        if (keyboard == null || keyboard.rows().isEmpty()) {
            return null;
        }
        return new InlineKeyboardMarkup(keyboard.rows().stream()
                .map(row -> row.stream().map(b -> new InlineKeyboardButton(b.label(), b.data())).toList())
                .toList());
    }
}
