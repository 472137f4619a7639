package dev.weatheragent.telegram;

import dev.weatheragent.bot.InlineResults;
import dev.weatheragent.bot.WeatherBot;
import dev.weatheragent.telegram.TelegramTypes.AnswerInlineQuery;
import dev.weatheragent.telegram.TelegramTypes.InlineQuery;
import dev.weatheragent.telegram.TelegramTypes.InlineQueryResultArticle;
import dev.weatheragent.telegram.TelegramTypes.InputTextMessageContent;
import dev.weatheragent.telegram.TelegramTypes.LinkPreviewOptions;
import dev.weatheragent.telegram.TelegramTypes.Update;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers inline queries ({@code @bot Kyiv} typed in any chat) with {@code answerInlineQuery}, within Telegram's
 * window of about ten seconds from the query's arrival or not at all: the lookup gets {@link #LOOKUP_WINDOW} of it
 * and is abandoned (its thread interrupted, which ends a slow Open-Meteo call) when it takes longer. Queries join
 * the order of the user's private chat; the allowlist applies to the user.
 */
public final class InlineQueryHandler implements UpdateHandler<InlineQuery> {

    private static final System.Logger LOG = System.getLogger(InlineQueryHandler.class.getName());
    /** Telegram refuses an answer this long after the query ("query is too old"). */
    static final Duration ANSWER_WINDOW = Duration.ofSeconds(10);
    /** The part of the window the lookup may take, leaving the rest for the answer to get there. */
    static final Duration LOOKUP_WINDOW = Duration.ofSeconds(7);

    private final WeatherBot bot;
    private final MessageSender sender;
    private final Set<Long> allowedChats;

    /**
     * @param allowedChats users (private chat ids) to serve; empty serves everyone
     */
    public InlineQueryHandler(WeatherBot bot, MessageSender sender, Set<Long> allowedChats) {
        this.bot = bot;
        this.sender = sender;
        this.allowedChats = Set.copyOf(allowedChats);
    }

    @Override
    public String updateKind() {
        return "inline_query";
    }

    @Override
    public InlineQuery select(Update update) {
        return update.inlineQuery();
    }

    @Override
    public Long chatOf(InlineQuery query) {
        return query.from() == null || query.id() == null ? null : query.from().id();
    }

    @Override
    public Handled handle(InlineQuery query, long receivedNanos) {
        long userId = query.from().id();
        if (!allowedChats.isEmpty() && !allowedChats.contains(userId)) {
            // No answer: the user's spinner ends on its own, and a stranger costs no Open-Meteo call.
            return new Handled("inline", "not-allowed");
        }
        FutureTask<InlineResults> lookup = new FutureTask<>(
                () -> bot.inline(userId, query.from().languageCode(), query.query()));
        Thread.ofVirtual().name("inline-" + query.id()).start(lookup);
        InlineResults results;
        try {
            results = lookup.get(remaining(receivedNanos, LOOKUP_WINDOW), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            LOG.log(System.Logger.Level.INFO, "inline query of user " + userId + " not answered: the lookup took"
                    + " longer than " + LOOKUP_WINDOW.toSeconds() + " s");
            return new Handled("inline", "too-slow");
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            return new Handled("inline", "interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("inline lookup failed", e.getCause());
        }
        List<InlineQueryResultArticle> articles = results.articles().stream()
                .map(a -> new InlineQueryResultArticle(a.id(), a.title(),
                        new InputTextMessageContent(a.html(), "HTML", new LinkPreviewOptions(true)), a.description()))
                .toList();
        AnswerInlineQuery answer = new AnswerInlineQuery(query.id(), articles, results.cacheSeconds(),
                results.personal());
        try {
            boolean sent = sender.answerInline(answer, Duration.ofNanos(remaining(receivedNanos, ANSWER_WINDOW)));
            return new Handled("inline", !sent ? "undelivered" : articles.isEmpty() ? "nothing-found" : "answered");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Handled("inline", "interrupted");
        }
    }

    private static long remaining(long receivedNanos, Duration window) {
        return Math.max(0, receivedNanos + window.toNanos() - System.nanoTime());
    }
}
