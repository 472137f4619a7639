package dev.weatheragent.telegram;

import dev.weatheragent.telegram.TelegramTypes.LinkPreviewOptions;
import dev.weatheragent.telegram.TelegramTypes.ReplyParameters;
import dev.weatheragent.telegram.TelegramTypes.SendChatAction;
import dev.weatheragent.telegram.TelegramTypes.SendMessage;
import dev.weatheragent.telegram.TelegramTypes.SendPhoto;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Delivers HTML replies and pictures the way Telegram wants them: text split to 4096 characters, within the send
 * rate limits, retried after a 429's {@code retry_after} or a transport failure, and re-sent as plain text when
 * Telegram cannot parse the HTML (of a text or of a picture's caption).
 */
public final class MessageSender {

    private static final System.Logger LOG = System.getLogger(MessageSender.class.getName());
    private static final int ATTEMPTS = 3;
    /** A longer flood wait than this is not worth holding the chat's queue for. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final TelegramClient client;
    private final SendRateLimiter limiter;
    private final RandomGenerator random;

    public MessageSender(TelegramClient client, SendRateLimiter limiter, RandomGenerator random) {
        this.client = client;
        this.limiter = limiter;
        this.random = random;
    }

    /** Where a reply goes: the chat, the forum topic if any, and the message it answers if any. */
    public record Destination(long chatId, Integer threadId, Long replyToMessageId) {
    }

    /**
     * Sends the HTML text, split as needed; returns whether every part was delivered.
     *
     * @throws InterruptedException when the thread is interrupted while waiting for a send slot
     */
    public boolean sendHtml(Destination to, String html) throws InterruptedException {
        List<String> parts = MessageSplitter.split(html, MessageSplitter.TELEGRAM_LIMIT);
        boolean delivered = true;
        for (int i = 0; i < parts.size(); i++) {
            // Only the first part quotes the user's message; the rest follow it.
            Long replyTo = i == 0 ? to.replyToMessageId() : null;
            delivered &= sendPart(to, parts.get(i), replyTo);
        }
        return delivered;
    }

    /**
     * Sends a PNG picture with an HTML caption (at most 1024 characters once parsed) as an answer to the user's
     * message; returns whether it was delivered.
     *
     * @throws InterruptedException when the thread is interrupted while waiting for a send slot
     */
    public boolean sendPhoto(Destination to, byte[] png, String captionHtml) throws InterruptedException {
        return deliver(to, "picture", plain -> client.sendPhoto(new SendPhoto(to.chatId(), to.threadId(),
                plain ? Html.toPlainText(captionHtml) : captionHtml, plain ? null : "HTML",
                to.replyToMessageId() == null ? null : new ReplyParameters(to.replyToMessageId(), true)), png));
    }

    /** Shows "typing…" in the chat for about five seconds; failures are harmless and only logged. */
    public void typing(Destination to) {
        try {
            client.sendChatAction(new SendChatAction(to.chatId(), to.threadId(), "typing"));
        } catch (TelegramApiException | TelegramTransportException e) {
            LOG.log(System.Logger.Level.DEBUG, "typing action failed: " + e.getMessage());
        }
    }

    private boolean sendPart(Destination to, String html, Long replyTo) throws InterruptedException {
        return deliver(to, "reply", plain -> client.sendMessage(
                plain ? message(to, Html.toPlainText(html), null, replyTo) : message(to, html, "HTML", replyTo)));
    }

    /** One Bot API call that sends something; {@code plain} asks for the text without HTML. */
    @FunctionalInterface
    private interface Send {
        void send(boolean plain);
    }

    private boolean deliver(Destination to, String what, Send send) throws InterruptedException {
        boolean plain = false;
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), random);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            limiter.acquire(to.chatId());
            try {
                send.send(plain);
                return true;
            } catch (TelegramApiException e) {
                if (e.isEntityParseError() && !plain) {
                    LOG.log(System.Logger.Level.WARNING, "Telegram could not parse the HTML of a " + what
                            + " to chat " + to.chatId() + "; sending it as plain text");
                    plain = true;
                    attempt--;
                    continue;
                }
                Duration wait = e.retryAfter().orElse(null);
                if (e.errorCode() != 429 || wait == null || wait.compareTo(MAX_RETRY_AFTER) > 0
                        || attempt == ATTEMPTS) {
                    LOG.log(System.Logger.Level.WARNING, what + " to chat " + to.chatId() + " not delivered: "
                            + e.getMessage());
                    return false;
                }
                Thread.sleep(wait);
            } catch (TelegramTransportException e) {
                if (attempt == ATTEMPTS) {
                    LOG.log(System.Logger.Level.WARNING, what + " to chat " + to.chatId() + " not delivered: "
                            + e.getMessage());
                    return false;
                }
                Thread.sleep(backoff.next());
            }
        }
        return false;
    }

    private static SendMessage message(Destination to, String text, String parseMode, Long replyTo) {
        return new SendMessage(to.chatId(), to.threadId(), text, parseMode, new LinkPreviewOptions(true),
                replyTo == null ? null : new ReplyParameters(replyTo, true));
    }
}
