package dev.weatheragent.bot;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a chat may call a saved place: one word of letters (any script), digits, {@code -} or {@code _}, up to
 * {@link #MAX_LENGTH} characters, with at least one letter (so that {@code /forecast work 5} still reads as days),
 * and not a word for home.
 */
final class PlaceNameRules {

    static final int MAX_LENGTH = 32;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}_-]*");
    private static final Pattern HAS_LETTER = Pattern.compile(".*\\p{L}.*");

    private PlaceNameRules() {
    }

    /** Whether the text is shaped like a saved name (a cheap check before asking the store). */
    static boolean couldBeName(String text) {
        return text.length() <= MAX_LENGTH && NAME.matcher(text).matches() && HAS_LETTER.matcher(text).matches();
    }

    /** What is wrong with the name, as a text key, or empty when it is fine. */
    static Optional<String> problem(String name) {
        if (name.length() > MAX_LENGTH) {
            return Optional.of("save.nameTooLong");
        }
        if (PlaceFinder.HOME_WORDS.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("save.nameHome");
        }
        return couldBeName(name) ? Optional.empty() : Optional.of("save.nameInvalid");
    }
}
