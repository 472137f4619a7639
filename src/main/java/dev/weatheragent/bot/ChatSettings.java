package dev.weatheragent.bot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weatheragent.weather.Units;

import java.time.Duration;

/**
 * Per-chat choices (units) kept in memory: bounded in size, forgotten after months of silence and on restart,
 * when a chat falls back to metric.
 */
public final class ChatSettings {

    private final Cache<Long, Units> units = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofDays(90))
            .build();

    public Units units(long chatId) {
        Units chosen = units.getIfPresent(chatId);
        return chosen == null ? Units.METRIC : chosen;
    }

    public void units(long chatId, Units value) {
        units.put(chatId, value);
    }
}
