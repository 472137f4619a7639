package dev.weatheragent.telegram;

/**
 * Whether this instance may poll Telegram right now. A token allows one poller; in a cluster, leader election
 * decides, and a standby keeps its loop alive but does not fetch. The loop asks before every fetch; whoever closes
 * the gate calls {@link LongPollingLoop#yieldPolling} to abort a long poll in progress and confirm what was handled.
 */
@FunctionalInterface
public interface PollGate {

    /** True while this instance should fetch updates. */
    boolean mayPoll();

    /** The gate of a single instance: always open. */
    static PollGate alwaysOpen() {
        return () -> true;
    }
}
