package dev.weatheragent.telegram;

import dev.weatheragent.telegram.TelegramTypes.Message;

/** Handles one incoming message. Called on the chat's own virtual thread, in the chat's order. */
@FunctionalInterface
public interface UpdateHandler {

    /**
     * Handles the message and says what it was and what came of it, for the one log line per update.
     * Must not throw for bad input; an exception is logged as a failed update.
     */
    Handled handle(Message message);

    /**
     * The result of handling one message.
     *
     * @param kind    what the message was: {@code /weather}, {@code location}, {@code text}, ...
     * @param outcome what came of it: {@code answered}, {@code ignored}, {@code refused}, {@code failed}, ...
     */
    record Handled(String kind, String outcome) {
    }
}
