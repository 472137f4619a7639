package dev.weatheragent.bot;

import java.util.List;

/**
 * Buttons under an answer, row by row, independent of Telegram; {@code data} is what a press sends back
 * ({@link ButtonCodec}). Where there are no buttons (the console), an answer reads the same without them.
 */
public record Keyboard(List<List<Button>> rows) {

    public Keyboard {
        rows = rows.stream().filter(row -> !row.isEmpty()).map(List::copyOf).toList();
    }

    /** One button: its label and the callback data it sends. */
    public record Button(String label, String data) {
    }
}
