package dev.weatheragent.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a reply into messages Telegram accepts (at most 4096 characters). Cuts fall on line breaks, so the bot's
 * line-by-line HTML stays balanced; a single overlong line is cut at a space, or hard as a last resort, never inside
 * an HTML entity or a surrogate pair.
 */
public final class MessageSplitter {

    /** Telegram's limit on the text of one message. */
    public static final int TELEGRAM_LIMIT = 4096;

    private MessageSplitter() {
    }

    public static List<String> split(String text, int limit) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > limit) {
            int cut = rest.lastIndexOf('\n', limit);
            if (cut <= 0) {
                cut = rest.lastIndexOf(' ', limit);
            }
            if (cut <= 0) {
                cut = safeHardCut(rest, limit);
            }
            String part = rest.substring(0, cut).strip();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isBlank()) {
            parts.add(rest.strip());
        }
        return parts;
    }

    private static int safeHardCut(String text, int limit) {
        int cut = limit;
        int amp = text.lastIndexOf('&', cut - 1);
        if (amp >= 0 && amp > cut - 10 && text.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        if (Character.isLowSurrogate(text.charAt(cut))) {
            cut--;
        }
        return Math.max(cut, 1);
    }
}
