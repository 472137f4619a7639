package dev.weatheragent.store;

import dev.weatheragent.weather.Units;

/**
 * What the bot remembers about a chat, keyed by its chat id and nothing else about the people in it: units,
 * language, a home place and up to {@link #MAX_PLACES} named places. A method returns only once its change is
 * stored as durably as the store can ({@link #durable()}); it throws {@link StoreUnavailableException}
 * when the database cannot be reached, and then nothing was changed.
 */
public interface ChatStore extends AutoCloseable {

    /** Named places a chat may keep. */
    int MAX_PLACES = 10;

    /** Characters (code points) a place name may have, after leading and trailing white space is stripped. */
    int MAX_NAME = 64;

    /** The chat's settings and named places; the defaults for a chat that stored nothing. */
    ChatSettings settings(long chatId);

    void units(long chatId, Units units);

    void language(long chatId, Language language);

    void home(long chatId, SavedPlace place);

    /**
     * Saves or replaces a named place; {@link SaveOutcome#FULL} (nothing saved) when the chat has the maximum. The
     * name is kept stripped of leading and trailing white space.
     *
     * @throws IllegalArgumentException when the name is blank or longer than {@link #MAX_NAME}: check user input first
     */
    SaveOutcome savePlace(long chatId, String name, SavedPlace place);

    /** Deletes a named place; false when there was none by that name. */
    boolean forgetPlace(long chatId, String name);

    /** The chat's daily forecast subscriptions, in the same database. */
    SubscriptionStore subscriptions();

    /** The chat's weather alerts, in the same database. */
    AlertStore alerts();

    /**
     * Deletes everything stored for the chat, daily forecasts, alerts and their deliveries too; false when nothing
     * was.
     */
    boolean forgetChat(long chatId);

    /** Whether a change survives a restart of the bot (false in memory-only mode). */
    boolean durable();

    /** What kind of store this is and whether it works, for health checks and /settings. */
    StoreStatus status();

    @Override
    void close();
}
