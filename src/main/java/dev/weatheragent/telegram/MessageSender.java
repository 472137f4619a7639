package dev.weatheragent.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.metrics.CallResult;
import dev.weatheragent.telegram.TelegramTypes.AnswerCallbackQuery;
import dev.weatheragent.telegram.TelegramTypes.AnswerInlineQuery;
import dev.weatheragent.telegram.TelegramTypes.EditMessageMedia;
import dev.weatheragent.telegram.TelegramTypes.EditMessageText;
import dev.weatheragent.telegram.TelegramTypes.InputMediaPhoto;
import dev.weatheragent.telegram.TelegramTypes.InlineKeyboardMarkup;
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
 * rate limits, and re-sent as plain text when Telegram cannot parse the HTML (of a text or of a picture's caption).
 * A transient failure (a 429 in any shape, a 5xx, no usable answer) never loses the reply while the process lives: it
 * waits as long as Telegram asks (or backs off, up to half a minute between attempts) and tries again. A chat that
 * cannot be reached (blocked the bot, gone) is logged once and its replies are dropped until one gets through again.
 * Edits of a message go the same way; the answers to button presses and inline queries too, but only while someone
 * still waits for them and within the global rate alone, as they post nothing into the chat.
 */
public final class MessageSender {

    private static final System.Logger LOG = System.getLogger(MessageSender.class.getName());

    private final TelegramClient client;
    private final SendRateLimiter limiter;
    private final RandomGenerator random;
    private final Duration firstRetry;
    private final Duration longestRetry;
    private final BotMetrics metrics;
    /** Chats already logged as unreachable, so that a blocked bot costs one log line per chat, not one per reply. */
    private final Cache<Long, Boolean> unreachable = Caffeine.newBuilder().maximumSize(10_000).build();

    /** Counting retries and dropped messages in {@code metrics}. */
    public MessageSender(TelegramClient client, SendRateLimiter limiter, RandomGenerator random, BotMetrics metrics) {
        this(client, limiter, random, Duration.ofSeconds(1), Duration.ofSeconds(30), metrics);
    }

    /** As above, backing off from {@code firstRetry} up to {@code longestRetry} when Telegram names no delay. */
    MessageSender(TelegramClient client, SendRateLimiter limiter, RandomGenerator random, Duration firstRetry,
                  Duration longestRetry, BotMetrics metrics) {
        this.client = client;
        this.limiter = limiter;
        this.random = random;
        this.firstRetry = firstRetry;
        this.longestRetry = longestRetry;
        this.metrics = metrics;
    }

    /** Where a reply goes: the chat, the forum topic if any, and the message it answers if any. */
    public record Destination(long chatId, Integer threadId, Long replyToMessageId) {
    }

    /** How a message ended once Telegram answered for good. */
    public enum Outcome {
        DELIVERED,
        /** The chat blocked the bot or is gone: nothing sent to it will arrive until it writes again. */
        UNREACHABLE,
        /** Telegram refused it for another reason. */
        REFUSED
    }

    /**
     * Sends the HTML text, split as needed; returns whether every part was delivered (false only when Telegram refused
     * a part for good).
     *
     * @throws InterruptedException when the thread is interrupted while waiting for a send slot or a retry
     */
    public boolean sendHtml(Destination to, String html) throws InterruptedException {
        return send(to, html) == Outcome.DELIVERED;
    }

    /**
     * As {@link #sendHtml}, telling an unreachable chat from another refusal: a scheduled message to a chat that
     * blocked the bot must stop its schedule, not be tried again tomorrow.
     *
     * @throws InterruptedException when the thread is interrupted while waiting for a send slot or a retry
     */
    public Outcome send(Destination to, String html) throws InterruptedException {
        return send(to, html, null);
    }

    /**
     * As {@link #send(Destination, String)}, with buttons under the message (under its last part when it is split);
     * null for none.
     *
     * @throws InterruptedException when the thread is interrupted while waiting for a send slot or a retry
     */
    public Outcome send(Destination to, String html, InlineKeyboardMarkup buttons) throws InterruptedException {
        List<String> parts = MessageSplitter.split(html, MessageSplitter.TELEGRAM_LIMIT);
        for (int i = 0; i < parts.size(); i++) {
            // Only the first part quotes the user's message; the rest follow it.
            Long replyTo = i == 0 ? to.replyToMessageId() : null;
            InlineKeyboardMarkup markup = i == parts.size() - 1 ? buttons : null;
            // A part Telegram refused for good: the rest would only fail too, or read without their beginning.
            Outcome outcome = sendPart(to, parts.get(i), replyTo, markup);
            if (outcome != Outcome.DELIVERED) {
                return outcome;
            }
        }
        return Outcome.DELIVERED;
    }

    /**
     * Sends a PNG picture with an HTML caption (at most 1024 characters once parsed) as an answer to the user's
     * message; returns whether it was delivered.
     *
     * @throws InterruptedException when the thread is interrupted while waiting for a send slot
     */
    public boolean sendPhoto(Destination to, byte[] png, String captionHtml) throws InterruptedException {
        return sendPhoto(to, png, captionHtml, null);
    }

    /**
     * As above, with buttons under the picture (null for none).
     *
     * @throws InterruptedException when the thread is interrupted while waiting for a send slot
     */
    public boolean sendPhoto(Destination to, byte[] png, String captionHtml, InlineKeyboardMarkup buttons)
            throws InterruptedException {
        return deliver(to, "picture", plain -> client.sendPhoto(new SendPhoto(to.chatId(), to.threadId(),
                plain ? Html.toPlainText(captionHtml) : captionHtml, plain ? null : "HTML",
                to.replyToMessageId() == null ? null : new ReplyParameters(to.replyToMessageId(), true), buttons),
                png)) == Outcome.DELIVERED;
    }

    /**
     * Replaces the picture, caption and buttons of a picture message the bot sent ({@code editMessageMedia}), with
     * the same limits and retries as a send.
     *
     * @throws InterruptedException when the thread is interrupted while waiting for a send slot or a retry
     */
    public Outcome editPhoto(long chatId, long messageId, byte[] png, String captionHtml,
                             InlineKeyboardMarkup buttons) throws InterruptedException {
        return deliver(new Destination(chatId, null, null), "picture edit", plain -> client.editMessageMedia(
                new EditMessageMedia(chatId, messageId, new InputMediaPhoto("attach://chart",
                        plain ? Html.toPlainText(captionHtml) : captionHtml, plain ? null : "HTML"), buttons), png));
    }

    /**
     * Replaces the text and buttons of a message the bot sent (null {@code buttons} removes them). An edit that
     * changes nothing (the same button pressed twice) counts as delivered: the message already shows it. An edit
     * cannot be split, so a text past Telegram's limit keeps only its first part.
     *
     * @throws InterruptedException when the thread is interrupted while waiting for a send slot or a retry
     */
    public Outcome edit(long chatId, long messageId, String html, InlineKeyboardMarkup buttons)
            throws InterruptedException {
        String text = MessageSplitter.split(html, MessageSplitter.TELEGRAM_LIMIT).getFirst();
        return deliver(new Destination(chatId, null, null), "edit", plain -> {
            try {
                client.editMessageText(new EditMessageText(chatId, messageId, plain ? Html.toPlainText(text) : text,
                        plain ? null : "HTML", new LinkPreviewOptions(true), buttons));
            } catch (TelegramApiException e) {
                if (!e.isNotModified()) {
                    throw e;
                }
            }
        });
    }

    /**
     * Answers a button press, with a short toast or ({@code toast} null) none, so that the button stops spinning.
     * Retried only for as long as the user still waits; false when it did not get through.
     *
     * @throws InterruptedException when the thread is interrupted while waiting for a slot or a retry
     */
    public boolean answerCallback(String callbackQueryId, String toast, Duration patience)
            throws InterruptedException {
        return deliverAnswer("callback answer", patience,
                () -> client.answerCallbackQuery(new AnswerCallbackQuery(callbackQueryId, toast)));
    }

    /**
     * Answers an inline query; gives up once {@code patience} has passed (Telegram would refuse a late answer).
     *
     * @throws InterruptedException when the thread is interrupted while waiting for a slot or a retry
     */
    public boolean answerInline(AnswerInlineQuery answer, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        return deliverAnswer("inline answer", patience, () -> client.answerInlineQuery(answer,
                Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()))));
    }

    private boolean deliverAnswer(String what, Duration patience, Runnable call) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        Backoff backoff = new Backoff(firstRetry, longestRetry, random);
        while (true) {
            limiter.acquireGlobal();
            Duration wait;
            try {
                call.run();
                return true;
            } catch (TelegramApiException e) {
                if (e.isQueryExpired() || !e.isTransient()) {
                    LOG.log(System.Logger.Level.INFO, what + " not delivered: " + e.getMessage());
                    return false;
                }
                wait = e.retryAfter().filter(Duration::isPositive).orElseGet(backoff::next);
            } catch (TelegramTransportException e) {
                wait = backoff.next();
            }
            if (deadline - System.nanoTime() < wait.toNanos()) {
                LOG.log(System.Logger.Level.INFO, what + " given up: nobody waits for it any more");
                return false;
            }
            Thread.sleep(wait);
        }
    }

    /** Shows "typing…" in the chat for about five seconds; failures are harmless and only logged. */
    public void typing(Destination to) {
        try {
            client.sendChatAction(new SendChatAction(to.chatId(), to.threadId(), "typing"));
        } catch (TelegramApiException | TelegramTransportException e) {
            LOG.log(System.Logger.Level.DEBUG, "typing action failed: " + e.getMessage());
        }
    }

    private Outcome sendPart(Destination to, String html, Long replyTo, InlineKeyboardMarkup buttons)
            throws InterruptedException {
        return deliver(to, "reply", plain -> client.sendMessage(plain
                ? message(to, Html.toPlainText(html), null, replyTo, buttons)
                : message(to, html, "HTML", replyTo, buttons)));
    }

    /** One Bot API call that sends something; {@code plain} asks for the text without HTML. */
    @FunctionalInterface
    private interface Send {
        void send(boolean plain);
    }

    /**
     * Sends until Telegram takes it, it refuses it for good, or the thread is interrupted (which only a shutdown
     * past its grace period does; the update then stays unconfirmed and is answered again after the restart).
     */
    private Outcome deliver(Destination to, String what, Send send) throws InterruptedException {
        boolean plain = false;
        Backoff backoff = new Backoff(firstRetry, longestRetry, random);
        int failures = 0;
        while (true) {
            limiter.acquire(to.chatId());
            Duration wait;
            String failure;
            try {
                send.send(plain);
                unreachable.invalidate(to.chatId());
                if (failures > 0) {
                    LOG.log(System.Logger.Level.INFO, what + " to chat " + to.chatId() + " delivered after "
                            + failures + (failures == 1 ? " failed attempt" : " failed attempts"));
                }
                return Outcome.DELIVERED;
            } catch (TelegramApiException e) {
                if (e.isEntityParseError() && !plain) {
                    LOG.log(System.Logger.Level.WARNING, "Telegram could not parse the HTML of a " + what
                            + " to chat " + to.chatId() + "; sending it as plain text");
                    plain = true;
                    continue;
                }
                if (e.isChatUnreachable()) {
                    if (unreachable.asMap().putIfAbsent(to.chatId(), Boolean.TRUE) == null) {
                        LOG.log(System.Logger.Level.INFO, "chat " + to.chatId() + " cannot be reached ("
                                + e.errorCode() + " " + e.description() + "); its replies are dropped until one"
                                + " gets through again");
                    }
                    metrics.sendDropped("unreachable");
                    return Outcome.UNREACHABLE;
                }
                if (!e.isTransient()) {
                    LOG.log(System.Logger.Level.WARNING, what + " to chat " + to.chatId() + " not delivered: "
                            + e.getMessage());
                    metrics.sendDropped("refused");
                    return Outcome.REFUSED;
                }
                wait = e.retryAfter().filter(Duration::isPositive).orElseGet(backoff::next);
                failure = e.getMessage();
                metrics.sendRetried(CallResult.ofStatus(e.errorCode()));
            } catch (TelegramTransportException e) {
                wait = backoff.next();
                failure = e.getMessage();
                metrics.sendRetried(CallResult.TRANSPORT);
            }
            failures++;
            logRetry(what, to.chatId(), failure, failures, wait);
            Thread.sleep(wait);
        }
    }

    /** The first failure and then every tenfold count at WARNING: an outage is visible without flooding the log. */
    private static void logRetry(String what, long chatId, String failure, int failures, Duration wait) {
        int rest = failures;
        while (rest % 10 == 0) {
            rest /= 10;
        }
        boolean loud = rest == 1;
        LOG.log(loud ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, what + " to chat " + chatId
                + " failed (" + failure + ", attempt " + failures + "); trying again in " + wait.toMillis() + " ms");
    }

    private static SendMessage message(Destination to, String text, String parseMode, Long replyTo,
                                       InlineKeyboardMarkup buttons) {
        return new SendMessage(to.chatId(), to.threadId(), text, parseMode, new LinkPreviewOptions(true),
                replyTo == null ? null : new ReplyParameters(replyTo, true), buttons);
    }
}
