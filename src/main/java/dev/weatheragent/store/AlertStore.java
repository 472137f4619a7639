package dev.weatheragent.store;

import dev.weatheragent.weather.AlertKind;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Weather alert subscriptions, the places they are checked for, the events seen there and the alerts delivered.
 * An alert is claimed before it is sent and finished after Telegram answered; the key (chat, kind, event) lets each
 * be claimed once, so that only a claim left open by an instance that died can be claimed again ({@link #reclaim}).
 * Like {@link ChatStore}, a method returns once its change is stored and throws {@link StoreUnavailableException}
 * when the database cannot be reached.
 */
public interface AlertStore {

    Optional<AlertSubscription> alerts(long chatId);

    /**
     * Starts or replaces the chat's alerts, not paused; its place is checked at {@code firstCheck}, or earlier when
     * another chat's alerts have it checked before.
     */
    void subscribe(AlertSubscription subscription, Instant firstCheck);

    /** Ends them; false when there were none. */
    boolean unsubscribe(long chatId);

    /** At most {@code limit} places whose check is due at or before {@code now}, the longest overdue first. */
    List<DueCheck> dueChecks(Instant now, int limit);

    /**
     * Moves the place's next check from {@code was} to {@code next}; true when this call did, false when another
     * instance (or a new subscription) moved it first: then the check is not this instance's to make.
     */
    boolean takeCheck(String placeKey, Instant was, Instant next);

    /** The place's active subscribers. */
    List<AlertSubscriber> subscribers(String placeKey);

    /** The events last seen at the place in one unit system ({@code "50.45,30.52|METRIC"}), by kind. */
    Map<AlertKind, AlertEvent> events(String placeGroup);

    /**
     * In one transaction: stores the events as seen by this check and claims the alerts for {@code owner}.
     *
     * @return the alerts claimed now (not those an earlier claim holds)
     */
    List<AlertDelivery> claim(String placeGroup, List<AlertEvent> events, List<AlertDelivery> alerts, String owner,
                              Instant now);

    /**
     * Takes over at most {@code limit} claims still open that were made before {@code claimedBefore} (their instance
     * died or let them go) for {@code owner}.
     */
    List<AlertDelivery> reclaim(Instant claimedBefore, String owner, Instant now, int limit);

    /** Records how a claimed alert ended. */
    void finish(long chatId, AlertKind kind, String eventKey, DeliveryOutcome outcome, Instant at);

    /** Records how these alerts ended, in one transaction. */
    void finishAll(List<FinishedAlert> finished);

    /** Lets an open claim go (a shutdown before it was sent), so that the next instance takes it at once. */
    void release(long chatId, AlertKind kind, String eventKey);

    /** Stops the chat's alerts until {@link #resume}: it blocked the bot or is gone. */
    void pause(long chatId);

    /** Resumes paused alerts; false (and nothing written) when there are none or they run. */
    boolean resume(long chatId);

    /** The last alert Telegram took for the chat. */
    Optional<SentAlert> lastSent(long chatId);

    /**
     * Deletes what no longer matters: the deliveries of events that ended before {@code endedBefore}, except each
     * chat's last sent alert (which {@link #lastSent} shows however long ago it was), and the events last seen ending
     * before it, a few thousand rows to a transaction.
     *
     * @return the rows deleted
     */
    int prune(Instant endedBefore);
}
