package dev.weatheragent.store;

import java.time.Instant;
import java.time.LocalDate;

/** How one claimed daily forecast ended, and when: what {@link SubscriptionStore#finishAll} records. */
public record FinishedDelivery(long chatId, LocalDate date, DeliveryOutcome outcome, Instant at) {
}
