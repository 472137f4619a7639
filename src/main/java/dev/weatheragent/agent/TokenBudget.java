package dev.weatheragent.agent;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Tokens all chats may use per UTC day; a budget of 0 means unlimited. Resets at midnight UTC. */
final class TokenBudget {

    private final long dailyLimit;
    private final Clock clock;
    private LocalDate day;
    private long used;

    TokenBudget(long dailyLimit, Clock clock) {
        this.dailyLimit = dailyLimit;
        this.clock = clock;
    }

    /** Whether another question may go to the model today. */
    synchronized boolean available() {
        roll();
        return dailyLimit == 0 || used < dailyLimit;
    }

    /** Counts tokens a model request used. */
    synchronized void spend(long tokens) {
        roll();
        used += tokens;
    }

    synchronized long usedToday() {
        roll();
        return used;
    }

    private void roll() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!today.equals(day)) {
            day = today;
            used = 0;
        }
    }
}
