package dev.weatheragent.bot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.weatheragent.weather.Units;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-chat choices (units) kept in memory: bounded in size, forgotten after months of silence and on restart,
 * when a chat falls back to metric. Also the chat's last shared location, for a day, so that {@code /chart} alone
 * can chart it.
 */
public final class ChatSettings {

    /** How long a shared location is remembered for a following {@code /chart}. */
    static final Duration LOCATION_KEPT = Duration.ofHours(24);

    private final Cache<Long, Units> units = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofDays(90))
            .build();
    private final Cache<Long, Incoming.Point> locations = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(LOCATION_KEPT)
            .build();

    public Units units(long chatId) {
        Units chosen = units.getIfPresent(chatId);
        return chosen == null ? Units.METRIC : chosen;
    }

    public void units(long chatId, Units value) {
        units.put(chatId, value);
    }

    /** The location the chat shared last, within the last {@link #LOCATION_KEPT}. */
    public Optional<Incoming.Point> lastLocation(long chatId) {
        return Optional.ofNullable(locations.getIfPresent(chatId));
    }

    public void lastLocation(long chatId, Incoming.Point point) {
        locations.put(chatId, point);
    }
}
