package dev.weatheragent.telegram;

/**
 * No usable answer came back: connection refused or reset, a timeout, or a body that is not the Bot API's JSON.
 * Worth retrying with backoff. The message never contains the request URL.
 */
public final class TelegramTransportException extends RuntimeException {

    public TelegramTransportException(String message) {
        super(message);
    }
}
