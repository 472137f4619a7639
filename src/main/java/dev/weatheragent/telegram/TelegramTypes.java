package dev.weatheragent.telegram;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The subset of Bot API types the bot reads or writes, as records. Field names map to the API's snake_case through
 * the client's naming strategy; fields the bot does not use are ignored on read.
 */
public final class TelegramTypes {

    private TelegramTypes() {
    }

    /**
     * A Telegram user or bot; {@code supportsInlineQueries} is set only for the bot itself (from {@code getMe}):
     * whether inline mode was switched on with @BotFather.
     */
    public record User(long id, boolean isBot, String firstName, String username, String languageCode,
                       Boolean supportsInlineQueries) {
    }

    /** A chat: {@code private}, {@code group}, {@code supergroup} or {@code channel}. */
    public record Chat(long id, String type, String title, String username) {
        public boolean isPrivate() {
            return "private".equals(type);
        }
    }

    /** A point on the map. */
    public record Location(double latitude, double longitude) {
    }

    /** The fields of a message the bot acts on. */
    public record Message(long messageId, User from, Chat chat, long date, String text, Location location,
                          Integer messageThreadId) {
    }

    /**
     * One incoming update; only the kinds named in {@code allowed_updates} come, at most one of them set. The
     * message of a callback query may be an InaccessibleMessage (too old): it reads as a Message with date 0.
     */
    public record Update(long updateId, Message message, CallbackQuery callbackQuery, InlineQuery inlineQuery) {
    }

    /** A press on an inline keyboard button; {@code message} is null for a button of a message sent in inline mode. */
    public record CallbackQuery(String id, User from, Message message, String inlineMessageId, String data) {
    }

    /** {@code @botname query} typed in any chat. */
    public record InlineQuery(String id, User from, String query, String offset, String chatType) {
    }

    /** An inline keyboard: rows of buttons under a message. */
    public record InlineKeyboardMarkup(List<List<InlineKeyboardButton>> inlineKeyboard) {
    }

    /** A button that sends {@code callbackData} (1-64 bytes) back to the bot when pressed. */
    public record InlineKeyboardButton(String text, String callbackData) {
    }

    /** The envelope of every Bot API response. */
    public record ApiResponse(boolean ok, JsonNode result, Integer errorCode, String description,
                              ResponseParameters parameters) {
    }

    /** Why a request failed and what to do: wait {@code retryAfter} seconds or use the migrated chat. */
    public record ResponseParameters(Integer retryAfter, Long migrateToChatId) {
    }

    /** Webhook state; an empty {@code url} means none is set. */
    public record WebhookInfo(String url, int pendingUpdateCount) {
    }

    /** A command shown in Telegram's menu. */
    public record BotCommand(String command, String description) {
    }

    /** Which message a reply answers; sending still succeeds when that message is gone. */
    public record ReplyParameters(long messageId, boolean allowSendingWithoutReply) {
    }

    /** Link previews would clutter forecasts. */
    public record LinkPreviewOptions(boolean isDisabled) {
    }

    /** The body of {@code sendMessage}; a null {@code parseMode} sends plain text. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SendMessage(long chatId, Integer messageThreadId, String text, String parseMode,
                              LinkPreviewOptions linkPreviewOptions, ReplyParameters replyParameters,
                              InlineKeyboardMarkup replyMarkup) {
    }

    /** The body of {@code editMessageText}; a null {@code replyMarkup} removes the keyboard. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EditMessageText(long chatId, long messageId, String text, String parseMode,
                                  LinkPreviewOptions linkPreviewOptions, InlineKeyboardMarkup replyMarkup) {
    }

    /** The body of {@code editMessageReplyMarkup}; a null {@code replyMarkup} removes the keyboard. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EditMessageReplyMarkup(long chatId, long messageId, InlineKeyboardMarkup replyMarkup) {
    }

    /** The body of {@code answerCallbackQuery}: a toast ({@code text}, 0-200 characters) or nothing. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnswerCallbackQuery(String callbackQueryId, String text) {
    }

    /** The body of {@code answerInlineQuery}. */
    public record AnswerInlineQuery(String inlineQueryId, List<InlineQueryResultArticle> results, int cacheTime,
                                    boolean isPersonal) {
    }

    /** An inline result that sends a text message; {@code type} is always {@code article}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InlineQueryResultArticle(String type, String id, String title,
                                           InputTextMessageContent inputMessageContent, String description) {
        public InlineQueryResultArticle(String id, String title, InputTextMessageContent content, String description) {
            this("article", id, title, content, description);
        }
    }

    /** The message an inline result sends. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InputTextMessageContent(String messageText, String parseMode,
                                          LinkPreviewOptions linkPreviewOptions) {
    }

    /**
     * The fields of {@code sendPhoto} besides the picture itself, which goes as a file part of the same
     * multipart/form-data request; a null {@code parseMode} sends the caption as plain text.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SendPhoto(long chatId, Integer messageThreadId, String caption, String parseMode,
                            ReplyParameters replyParameters, InlineKeyboardMarkup replyMarkup) {
    }

    /**
     * The fields of {@code editMessageMedia}: the new picture goes as the file part that {@code media}'s
     * {@code attach://} names, in the same multipart/form-data request.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EditMessageMedia(long chatId, long messageId, InputMediaPhoto media,
                                   InlineKeyboardMarkup replyMarkup) {
    }

    /** A picture for {@code editMessageMedia}; {@code type} is always {@code photo}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InputMediaPhoto(String type, String media, String caption, String parseMode) {
        public InputMediaPhoto(String media, String caption, String parseMode) {
            this("photo", media, caption, parseMode);
        }
    }

    /** The body of {@code sendChatAction}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SendChatAction(long chatId, Integer messageThreadId, String action) {
    }

    /** The body of {@code getUpdates}. */
    public record GetUpdates(long offset, int limit, int timeout, List<String> allowedUpdates) {
    }

    /** The body of {@code setMyCommands}; a null language sets the default list. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SetMyCommands(List<BotCommand> commands, String languageCode) {
    }

    /** The body of {@code deleteWebhook}. */
    public record DeleteWebhook(boolean dropPendingUpdates) {
    }
}
