package dev.weatheragent.telegram;

import java.time.Duration;

/**
 * What the health endpoints need to know about the poll loop: whether it connected, whether it runs, and whether
 * it keeps making progress. The loop announces before each step how long the step may take; a loop that misses its
 * own deadline (a hung socket, a stuck thread) is not live.
 */
public final class PollerState {

    private volatile boolean connected;
    private volatile boolean polling;
    private volatile boolean stopped;
    private volatile long deadlineNanos;
    private volatile String role = "single";

    public PollerState(Duration startupAllowance) {
        this.deadlineNanos = System.nanoTime() + startupAllowance.toNanos();
    }

    /** The loop promises its next progress report within this time. */
    public void expectProgressWithin(Duration duration) {
        deadlineNanos = System.nanoTime() + duration.toNanos();
    }

    void connected() {
        connected = true;
    }

    void polling(boolean value) {
        polling = value;
    }

    void stopped() {
        stopped = true;
        polling = false;
    }

    /** Leader election reports whether this instance leads; shown in health details. */
    public void role(String value) {
        role = value;
    }

    /** Alive: the loop has not died and has met its last progress deadline. */
    public boolean isLive() {
        return !stopped && System.nanoTime() - deadlineNanos < 0;
    }

    /** Ready: Telegram accepted the token and the loop runs. */
    public boolean isReady() {
        return connected && polling && isLive();
    }

    public String role() {
        return role;
    }
}
