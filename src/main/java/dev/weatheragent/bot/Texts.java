package dev.weatheragent.bot;

import dev.weatheragent.telegram.Html;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The bot's texts in one language, from {@code texts*.properties}. Ukrainian for users whose Telegram language is
 * {@code uk}, English otherwise. Text arguments are HTML-escaped here, so a caller cannot forget; pre-built HTML is
 * passed as {@link Raw}.
 */
public final class Texts {

    private static final String BUNDLE = "dev.weatheragent.bot.texts";
    private static final Locale UKRAINIAN = Locale.of("uk");

    private final ResourceBundle bundle;
    private final Locale locale;

    private Texts(Locale locale) {
        this.locale = locale;
        // No fallback to the JVM's default locale: English must not turn Ukrainian on a Ukrainian server.
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Texts for a Telegram {@code language_code} such as {@code uk}, {@code en-US} or null. */
    public static Texts forLanguage(String languageCode) {
        boolean ukrainian = languageCode != null && languageCode.toLowerCase(Locale.ROOT).startsWith("uk");
        return new Texts(ukrainian ? UKRAINIAN : Locale.ENGLISH);
    }

    /** HTML that is already safe and must not be escaped again. */
    public record Raw(String html) {
    }

    /** The text for a key with its placeholders filled; strings are escaped, {@link Raw} values are not. */
    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        if (args.length == 0) {
            return pattern;
        }
        Object[] safe = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            safe[i] = switch (args[i]) {
                case Raw raw -> raw.html();
                case String s -> Html.escape(s);
                default -> args[i];
            };
        }
        return String.format(locale, pattern, safe);
    }

    /** ISO 639-1 code of these texts: {@code uk} or {@code en}; also the language asked of the geocoder. */
    public String language() {
        return locale.getLanguage();
    }

    public Locale locale() {
        return locale;
    }
}
