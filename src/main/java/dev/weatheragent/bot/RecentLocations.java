package dev.weatheragent.bot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The location each chat shared last, in memory only and for {@link #KEPT}: a following {@code /chart} charts it,
 * {@code /home} or {@code /save name} stores it. After that, a command without a place means the home place.
 */
final class RecentLocations {

    static final Duration KEPT = Duration.ofMinutes(15);

    private record Shared(Incoming.Point point, Instant at) {
    }

    private final Cache<Long, Shared> shared = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(KEPT)
            .build();
    private final Clock clock;

    RecentLocations(Clock clock) {
        this.clock = clock;
    }

    void put(long chatId, Incoming.Point point) {
        shared.put(chatId, new Shared(point, clock.instant()));
    }

    /** The point shared within {@link #KEPT} by the bot's clock. */
    Optional<Incoming.Point> get(long chatId) {
        Shared s = shared.getIfPresent(chatId);
        return s == null || s.at().plus(KEPT).isBefore(clock.instant()) ? Optional.empty() : Optional.of(s.point());
    }

    void forget(long chatId) {
        shared.invalidate(chatId);
    }
}
