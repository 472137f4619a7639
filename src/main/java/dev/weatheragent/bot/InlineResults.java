package dev.weatheragent.bot;

import java.util.List;

/**
 * The answer to an inline query, independent of Telegram.
 *
 * @param personal     results are for this user only (their language, units, home place)
 * @param cacheSeconds how long Telegram may keep the results
 */
public record InlineResults(List<Article> articles, boolean personal, int cacheSeconds) {

    public InlineResults {
        articles = List.copyOf(articles);
    }

    /**
     * One result: its {@code title} and {@code description} as plain text, and the message it sends as Telegram
     * HTML.
     */
    public record Article(String id, String title, String description, String html) {
    }
}
