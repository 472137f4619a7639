package dev.weatheragent.bot;

/**
 * A user's message as the bot sees it, independent of Telegram: already cleaned and with any
 * {@code @BotName} suffix removed from a command.
 *
 * @param chatId       where the reply goes; also the key of per-chat settings
 * @param privateChat  one-to-one chat with the bot (free text is answered only there)
 * @param languageCode the user's Telegram language, may be null
 * @param text         the text, or null for a location or another kind of message
 * @param location     the shared point, or null
 */
public record Incoming(long chatId, boolean privateChat, String languageCode, String text, Point location) {

    /** A shared map point. */
    public record Point(double latitude, double longitude) {
    }
}
