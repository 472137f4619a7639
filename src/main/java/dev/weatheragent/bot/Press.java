package dev.weatheragent.bot;

/**
 * A press on one of the bot's buttons, independent of Telegram.
 *
 * @param chatId           the chat of the message the button is under: the only chat the button may act for
 * @param privateChat      one-to-one chat with the bot
 * @param languageCode     the presser's Telegram language, may be null
 * @param messageAvailable the message can still be edited (Telegram gives no content for messages older than 48 h)
 * @param data             the callback data as it came, possibly forged
 */
public record Press(long chatId, boolean privateChat, String languageCode, boolean messageAvailable, String data) {
}
