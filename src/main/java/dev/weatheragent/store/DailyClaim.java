package dev.weatheragent.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the scheduler decided for one due subscription: move {@code nextDue} from {@code was} to {@code next} and,
 * unless the forecast is skipped (too late), claim the forecast of {@code date}.
 *
 * @param was  the {@code nextDue} the scheduler read; nothing happens when it changed meanwhile (another instance,
 *             a new time)
 * @param date the local date to deliver, or empty to skip
 */
public record DailyClaim(long chatId, Instant was, Instant next, Optional<LocalDate> date, Instant dueAt) {
}
