package dev.weatheragent.telegram;

import java.time.Duration;
import java.util.Optional;

/**
 * Telegram answered, and the answer was an error ({@code ok: false}). The message names the method and Telegram's
 * description, never the request URL, which holds the token.
 */
public final class TelegramApiException extends RuntimeException {

    private final String method;
    private final int errorCode;
    private final String description;
    private final Integer retryAfterSeconds;

    public TelegramApiException(String method, int errorCode, String description, Integer retryAfterSeconds) {
        super(method + " failed: " + errorCode + " " + description);
        this.method = method;
        this.errorCode = errorCode;
        this.description = description == null ? "" : description;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String method() {
        return method;
    }

    /** The HTTP-like code Telegram reports: 400, 401, 403, 404, 409, 429, 5xx. */
    public int errorCode() {
        return errorCode;
    }

    public String description() {
        return description;
    }

    /** How long Telegram asks us to wait, for 429 answers. */
    public Optional<Duration> retryAfter() {
        return retryAfterSeconds == null ? Optional.empty() : Optional.of(Duration.ofSeconds(retryAfterSeconds));
    }

    /** 400 because the HTML in the text did not parse: the text can still go out as plain text. */
    public boolean isEntityParseError() {
        return errorCode == 400 && description.toLowerCase(java.util.Locale.ROOT).contains("can't parse entities");
    }

    /** The token is wrong: 401 Unauthorized, or 404 for a token Telegram cannot even route. */
    public boolean isTokenRejected() {
        return errorCode == 401 || errorCode == 404;
    }
}
