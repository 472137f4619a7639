package dev.weatheragent.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Daily forecast subscriptions and their deliveries. A delivery is claimed before the message is sent and finished
 * after Telegram answered; the key (chat, local date) lets each forecast be claimed once, so that only a claim left
 * open by an instance that died can be claimed again ({@link #reclaim}). Like {@link ChatStore}, a method returns
 * once its change is stored and throws {@link StoreUnavailableException} when the database cannot be reached.
 */
public interface SubscriptionStore {

    Optional<DailySubscription> daily(long chatId);

    /** Starts or replaces the chat's daily forecast, not paused. */
    void subscribe(DailySubscription subscription);

    /** Ends it; false when there was none. */
    boolean unsubscribe(long chatId);

    /** At most {@code limit} active subscriptions due at or before {@code now}, the longest overdue first. */
    List<DueDaily> due(Instant now, int limit);

    /**
     * The place, units and due time of every active subscription due after {@code after} and at or before {@code
     * until}: a range on the due-time index, so that looking ahead in slices reads each subscription once.
     */
    List<UpcomingDaily> upcoming(Instant after, Instant until);

    /**
     * Applies the decisions in one transaction: moves each {@code nextDue} (only where it still is {@code was}) and
     * claims the forecasts to deliver for {@code owner}.
     *
     * @return the chats whose forecast was claimed now (not those another instance, or an earlier claim, holds)
     */
    Set<Long> claim(List<DailyClaim> claims, String owner, Instant now);

    /**
     * Takes over at most {@code limit} claims still open that were made before {@code claimedBefore} (their instance
     * died or let them go) for {@code owner}.
     */
    List<DailyDelivery> reclaim(Instant claimedBefore, String owner, Instant now, int limit);

    /** Records how a claimed delivery ended. */
    void finish(long chatId, LocalDate date, DeliveryOutcome outcome, Instant at);

    /** Records how these deliveries ended, in one transaction. */
    void finishAll(List<FinishedDelivery> finished);

    /** Lets these open claims go, in one transaction: what a stop leaves unsent goes to the next instance at once. */
    void releaseAll(List<DailyDelivery> unsent);

    /** Lets open claims go (a shutdown before they were sent), so that the next instance takes them at once. */
    void release(long chatId, LocalDate date);

    /** Stops the chat's deliveries until {@link #resume}: it blocked the bot or is gone. */
    void pause(long chatId);

    /** Resumes a paused subscription; false (and nothing written) when there is none or it runs. */
    boolean resume(long chatId);

    /**
     * Keeps forecasts fetched ahead, by place key ({@code "50.45,30.52|METRIC"}), as Open-Meteo's JSON, replacing what
     * was kept for those keys: an instance that takes over the sending finds them here instead of fetching again.
     */
    void keepForecasts(Map<String, String> bodies, Instant fetchedAt);

    /** The forecasts kept for these keys that were fetched at or after {@code since}, by key. */
    Map<String, String> keptForecasts(Collection<String> keys, Instant since);

    /**
     * Deletes what no longer matters: deliveries due before {@code dueBefore} (their subscriptions have long moved
     * past that date, so the key that kept them from going out twice is no longer needed) and forecasts fetched
     * before {@code fetchedBefore}, a few thousand rows to a transaction.
     *
     * @return the rows deleted
     */
    int prune(Instant dueBefore, Instant fetchedBefore);
}
