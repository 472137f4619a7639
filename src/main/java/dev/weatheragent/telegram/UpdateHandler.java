package dev.weatheragent.telegram;

import dev.weatheragent.telegram.TelegramTypes.Update;

/**
 * Handles one kind of update ({@code message}, {@code callback_query}, …). The loop asks each handler in turn for
 * its part of an update; the first that takes it runs it on the chat's own virtual thread, in the chat's order.
 *
 * @param <T> this kind's part of an update
 */
public interface UpdateHandler<T> {

    /** The kind's name, as {@code allowed_updates} and the log line know it. */
    String updateKind();

    /** This kind's part of the update, or null when the update is of another kind. */
    T select(Update update);

    /**
     * The chat whose order the update joins (a user's private chat has the user's id), or null when the update
     * cannot be handled at all (no chat); it is then skipped and confirmed.
     */
    Long chatOf(T item);

    /**
     * Handles the update and says what it was and what came of it, for the one log line per update.
     * Must not throw for bad input; an exception is logged as a failed update.
     *
     * @param receivedNanos {@link System#nanoTime()} when the update arrived: an answer Telegram accepts only for a
     *                      while is timed from then, queueing included
     */
    Handled handle(T item, long receivedNanos);

    /**
     * The result of handling one update.
     *
     * @param kind    what the update was: {@code /weather}, {@code location}, {@code text}, {@code button}, ...
     * @param outcome what came of it: {@code answered}, {@code ignored}, {@code refused}, {@code failed}, ...
     */
    record Handled(String kind, String outcome) {
    }
}
