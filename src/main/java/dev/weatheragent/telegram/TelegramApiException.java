package dev.weatheragent.telegram;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telegram answered, and the answer was an error ({@code ok: false}). The message names the method and Telegram's
 * description, never the request URL, which holds the token.
 */
public final class TelegramApiException extends RuntimeException {

    /** "Too Many Requests: retry after 3": older Bot API servers and some proxies give the delay only here. */
    private static final Pattern RETRY_AFTER_IN_DESCRIPTION = Pattern.compile("retry after (\\d{1,9})",
            Pattern.CASE_INSENSITIVE);

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

    /**
     * How long Telegram asks us to wait, for 429 answers: {@code parameters.retry_after}, or else the delay named in
     * the description.
     */
    public Optional<Duration> retryAfter() {
        if (retryAfterSeconds != null) {
            return Optional.of(Duration.ofSeconds(retryAfterSeconds));
        }
        Matcher named = RETRY_AFTER_IN_DESCRIPTION.matcher(description);
        return named.find() ? Optional.of(Duration.ofSeconds(Long.parseLong(named.group(1)))) : Optional.empty();
    }

    /** Worth trying again later: flood control (429) or a server-side failure (5xx). */
    public boolean isTransient() {
        return errorCode == 429 || errorCode >= 500;
    }

    /**
     * The chat cannot receive anything from the bot, and trying again will not change that: the user blocked the
     * bot or deleted their account, the bot was removed from the group, or the chat does not exist (any 403, and the
     * 400s that say so).
     */
    public boolean isChatUnreachable() {
        if (errorCode == 403) {
            return true;
        }
        String text = description.toLowerCase(Locale.ROOT);
        return errorCode == 400 && (text.contains("chat not found") || text.contains("peer_id_invalid")
                || text.contains("user is deactivated") || text.contains("bot was kicked")
                || text.contains("not enough rights to send") || text.contains("have no rights to send"));
    }

    /** 400 because the HTML in the text did not parse: the text can still go out as plain text. */
    public boolean isEntityParseError() {
        return errorCode == 400 && description.toLowerCase(Locale.ROOT).contains("can't parse entities");
    }

    /** 400 for an edit that changes nothing (the same button pressed twice): the message already shows it. */
    public boolean isNotModified() {
        return errorCode == 400 && description.toLowerCase(Locale.ROOT).contains("message is not modified");
    }

    /** 400 for a callback or inline query answered too late (or never known): nobody waits for the answer now. */
    public boolean isQueryExpired() {
        return errorCode == 400 && description.toLowerCase(Locale.ROOT).contains("query is too old");
    }

    /** The token is wrong: 401 Unauthorized, or 404 for a token Telegram cannot even route. */
    public boolean isTokenRejected() {
        return errorCode == 401 || errorCode == 404;
    }
}
