package dev.weatheragent.telegram;

import dev.weatheragent.bot.Keyboard;
import dev.weatheragent.bot.Press;
import dev.weatheragent.bot.Replier;
import dev.weatheragent.bot.Texts;
import dev.weatheragent.bot.WeatherBot;
import dev.weatheragent.telegram.TelegramTypes.CallbackQuery;
import dev.weatheragent.telegram.TelegramTypes.Message;
import dev.weatheragent.telegram.TelegramTypes.Update;

import java.time.Duration;
import java.util.Set;

/**
 * Connects presses on the bot's buttons ({@code callback_query}) to the {@link WeatherBot}: the press acts for the
 * chat of the message the button is under, edits that message, and is always answered with
 * {@code answerCallbackQuery} (a toast or nothing), also when handling fails, so that the button never spins.
 * Presses run in the chat's order like its messages, and their edits keep the chat's send limits.
 */
public final class CallbackQueryHandler implements UpdateHandler<CallbackQuery> {

    private static final System.Logger LOG = System.getLogger(CallbackQueryHandler.class.getName());
    /** How long after the press the presser may still be waiting for the answer; Telegram refuses it later. */
    private static final Duration ANSWER_WINDOW = Duration.ofSeconds(10);

    private final WeatherBot bot;
    private final MessageSender sender;
    private final Set<Long> allowedChats;

    /**
     * @param allowedChats chats to serve; empty serves everyone
     */
    public CallbackQueryHandler(WeatherBot bot, MessageSender sender, Set<Long> allowedChats) {
        this.bot = bot;
        this.sender = sender;
        this.allowedChats = Set.copyOf(allowedChats);
    }

    @Override
    public String updateKind() {
        return "callback_query";
    }

    @Override
    public CallbackQuery select(Update update) {
        return update.callbackQuery();
    }

    /**
     * The chat of the button's message; a button of a message sent in inline mode has none but the presser's. A
     * query without an id cannot be answered and is skipped.
     */
    @Override
    public Long chatOf(CallbackQuery query) {
        if (query.id() == null) {
            return null;
        }
        if (query.message() != null && query.message().chat() != null) {
            return query.message().chat().id();
        }
        return query.from() == null ? null : query.from().id();
    }

    @Override
    public Handled handle(CallbackQuery query, long receivedNanos) {
        String language = query.from() == null ? null : query.from().languageCode();
        String toast = Texts.forLanguage(language).get("button.failed");
        try {
            Message message = query.message();
            if (message == null || message.chat() == null) {
                toast = Texts.forLanguage(language).get("button.invalid");
                return new Handled("button", "no message");
            }
            long chatId = message.chat().id();
            if (!allowedChats.isEmpty() && !allowedChats.contains(chatId)) {
                toast = null;
                return new Handled("not-allowed", "ignored");
            }
            // Telegram sends an InaccessibleMessage, date 0, for a message it no longer lets the bot see or edit.
            Press press = new Press(chatId, message.chat().isPrivate(), language, message.date() != 0, query.data());
            WeatherBot.Pressed pressed = bot.press(press, editing(chatId, message.messageId()));
            toast = pressed.toast();
            return new Handled(pressed.kind(), pressed.outcome());
        } finally {
            answer(query.id(), toast, Duration.ofNanos(receivedNanos + ANSWER_WINDOW.toNanos() - System.nanoTime()));
        }
    }

    private Replier editing(long chatId, long messageId) {
        return new Replier() {
            @Override
            public boolean reply(String html) {
                return reply(html, null);
            }

            @Override
            public boolean reply(String html, Keyboard buttons) {
                try {
                    return sender.edit(chatId, messageId, html, Keyboards.markup(buttons))
                            == MessageSender.Outcome.DELIVERED;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }

            @Override
            public boolean photo(byte[] png, String captionHtml) {
                return photo(png, captionHtml, null);
            }

            /** Replaces the picture of a picture message (a text message cannot become one: Telegram refuses). */
            @Override
            public boolean photo(byte[] png, String captionHtml, Keyboard buttons) {
                try {
                    return sender.editPhoto(chatId, messageId, png, captionHtml, Keyboards.markup(buttons))
                            == MessageSender.Outcome.DELIVERED;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }

            @Override
            public int captionLimit() {
                return TelegramUpdateHandler.CAPTION_LIMIT;
            }
        };
    }

    private void answer(String queryId, String toast, Duration patience) {
        try {
            sender.answerCallback(queryId, toast, patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(System.Logger.Level.DEBUG, "callback answer interrupted");
        }
    }
}
