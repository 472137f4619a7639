package dev.weatheragent.store;

import dev.weatheragent.weather.Units;

import java.time.Instant;
import java.time.LocalDate;

/** One claimed daily forecast, with what its message needs: the place, units and language as they are now. */
public record DailyDelivery(long chatId, LocalDate date, Instant dueAt, SavedPlace place, Units units,
                            String replyLanguage) {
}
