package dev.weatheragent.store;

import java.util.Locale;
import java.util.Optional;

/** The language a chat chose for replies; {@link #AUTO} follows each user's Telegram language. */
public enum Language {
    AUTO(null), ENGLISH("en"), UKRAINIAN("uk");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** The language code for the replies: the chosen one, or Telegram's {@code language_code} under AUTO. */
    public String replyLanguage(String telegramLanguageCode) {
        return code == null ? telegramLanguageCode : code;
    }

    /** {@code en}, {@code uk} or {@code auto}, as users type them and the store keeps them. */
    public String code() {
        return code == null ? "auto" : code;
    }

    public static Optional<Language> ofCode(String code) {
        for (Language language : values()) {
            if (language.code().equals(code.toLowerCase(Locale.ROOT))) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
