package dev.weatheragent.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weatheragent.bot.Incoming;
import dev.weatheragent.bot.Keyboard;
import dev.weatheragent.bot.Replier;
import dev.weatheragent.bot.TextCleaner;
import dev.weatheragent.bot.Texts;
import dev.weatheragent.bot.WeatherBot;
import dev.weatheragent.telegram.MessageSender.Destination;
import dev.weatheragent.telegram.TelegramTypes.BotCommand;
import dev.weatheragent.telegram.TelegramTypes.Message;
import dev.weatheragent.telegram.TelegramTypes.Update;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Connects Telegram messages to the {@link WeatherBot}: applies the chat allowlist, removes this bot's
 * {@code @username} from commands (and ignores commands meant for other bots in groups), cleans the text, shows
 * "typing…" while work takes a moment, and sends the reply (text or a picture) as an answer to the user's message.
 */
public final class TelegramUpdateHandler implements UpdateHandler<Message> {

    /** Telegram's limit for a photo caption, in characters after entity parsing. */
    static final int CAPTION_LIMIT = 1024;
    private static final Duration TYPING_DELAY = Duration.ofSeconds(1);
    private static final Duration TYPING_REFRESH = Duration.ofSeconds(4);

    private final WeatherBot bot;
    private final MessageSender sender;
    private final String botUsername;
    private final Set<Long> allowedChats;
    private final Cache<Long, Boolean> refused = Caffeine.newBuilder().maximumSize(10_000).build();

    /**
     * @param allowedChats chats to serve; empty serves everyone
     */
    public TelegramUpdateHandler(WeatherBot bot, MessageSender sender, String botUsername, Set<Long> allowedChats) {
        this.bot = bot;
        this.sender = sender;
        this.botUsername = botUsername == null ? "" : botUsername;
        this.allowedChats = Set.copyOf(allowedChats);
    }

    @Override
    public String updateKind() {
        return "message";
    }

    @Override
    public Message select(Update update) {
        return update.message();
    }

    @Override
    public Long chatOf(Message message) {
        return message.chat() == null ? null : message.chat().id();
    }

    @Override
    public Handled handle(Message message, long receivedNanos) {
        long chatId = message.chat().id();
        Destination to = new Destination(chatId, message.messageThreadId(), message.messageId());
        String language = message.from() == null ? null : message.from().languageCode();
        if (!allowedChats.isEmpty() && !allowedChats.contains(chatId)) {
            // One polite refusal per chat, then silence: a stranger cannot make the bot spend API calls.
            if (refused.asMap().putIfAbsent(chatId, Boolean.TRUE) == null) {
                return new Handled("not-allowed", deliver(to, Texts.forLanguage(language).get("notAllowed"))
                        ? "refused" : "undelivered");
            }
            return new Handled("not-allowed", "ignored");
        }
        String text = TextCleaner.clean(message.text());
        if (text != null && text.startsWith("/")) {
            text = stripMention(text);
            if (text == null) {
                return new Handled("command", "ignored (other bot)");
            }
        }
        Incoming.Point point = message.location() == null ? null
                : new Incoming.Point(message.location().latitude(), message.location().longitude());
        Incoming in = new Incoming(chatId, message.chat().isPrivate(), language, text, point);
        try (TypingIndicator typing = new TypingIndicator(() -> sender.typing(to), TYPING_DELAY, TYPING_REFRESH)) {
            WeatherBot.Result result = bot.handle(in, new Replier() {
                @Override
                public boolean reply(String html) {
                    return deliver(to, html);
                }

                @Override
                public boolean reply(String html, Keyboard buttons) {
                    return deliver(to, html, buttons);
                }

                @Override
                public boolean photo(byte[] png, String captionHtml) {
                    return photo(png, captionHtml, null);
                }

                @Override
                public boolean photo(byte[] png, String captionHtml, Keyboard buttons) {
                    return deliverPhoto(to, png, captionHtml, buttons);
                }

                @Override
                public int captionLimit() {
                    return CAPTION_LIMIT;
                }
            });
            return new Handled(result.kind(), result.outcome());
        }
    }

    /** The command menus Telegram shows, by language code ("" for the default). */
    public static Map<String, List<BotCommand>> menus() {
        return Map.of("", menu(Texts.forLanguage("en")), "uk", menu(Texts.forLanguage("uk")));
    }

    private static List<BotCommand> menu(Texts t) {
        return WeatherBot.MENU.stream().map(name -> new BotCommand(name, t.get("menu." + name))).toList();
    }

    /** "/weather@ThisBot Kyiv" becomes "/weather Kyiv"; null when the command names another bot. */
    private String stripMention(String text) {
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String head = text.substring(0, end);
        int at = head.indexOf('@');
        if (at < 0) {
            return text;
        }
        String target = head.substring(at + 1);
        if (!target.toLowerCase(Locale.ROOT).equals(botUsername.toLowerCase(Locale.ROOT))) {
            return null;
        }
        return head.substring(0, at) + text.substring(end);
    }

    private boolean deliver(Destination to, String html) {
        return deliver(to, html, null);
    }

    private boolean deliver(Destination to, String html, Keyboard buttons) {
        try {
            return sender.send(to, html, Keyboards.markup(buttons)) == MessageSender.Outcome.DELIVERED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean deliverPhoto(Destination to, byte[] png, String captionHtml, Keyboard buttons) {
        try {
            return sender.sendPhoto(to, png, captionHtml, Keyboards.markup(buttons));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
