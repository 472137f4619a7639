package dev.weatheragent.cluster;

import java.time.Duration;

/**
 * How fast the Lease moves. A leader renews every {@code retryPeriod}; it stops polling when no renewal succeeded
 * for {@code renewDeadline}, which is shorter than {@code leaseDuration}, the time after its last renewal at which a
 * standby may take the Lease. The gap between the two is what keeps two instances from ever polling at once.
 *
 * @param leaseDuration how long a Lease holds after its last renewal
 * @param renewDeadline how long a leader keeps polling without a successful renewal
 * @param retryPeriod   how often a leader renews and a standby tries to acquire
 */
public record LeaseTiming(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

    /**
     * Production: 15 s lease and 10 s renew deadline as client-go's defaults, but a 1 s retry period (client-go: 2 s)
     * so that a standby takes a released Lease within 1 to 2.2 s; it costs one read per second per standby and a
     * read and an update per second for the leader.
     */
    public static final LeaseTiming STANDARD = new LeaseTiming(Duration.ofSeconds(15), Duration.ofSeconds(10),
            Duration.ofSeconds(1));

    /** fabric8 waits up to this factor of the retry period on top of it between acquire attempts. */
    private static final double JITTER = 1.2;

    public LeaseTiming {
        if (retryPeriod.isNegative() || retryPeriod.isZero()) {
            throw new IllegalArgumentException("retryPeriod must be positive, got " + retryPeriod);
        }
        if (renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("renewDeadline (" + renewDeadline + ") must be shorter than"
                    + " leaseDuration (" + leaseDuration + "), or a cut-off leader could still poll after its Lease"
                    + " expired");
        }
        if (renewDeadline.toMillis() <= retryPeriod.toMillis() * (1 + JITTER)) {
            throw new IllegalArgumentException("renewDeadline (" + renewDeadline + ") must exceed retryPeriod ("
                    + retryPeriod + ") plus its jitter, so that a leader gets more than one renewal attempt");
        }
    }

    /**
     * How long one call to the API server may take: short enough for two renewal attempts within the renew
     * deadline, so that one hung call does not use it up.
     */
    Duration requestTimeout() {
        Duration twoRetries = retryPeriod.multipliedBy(2);
        Duration atLeast = twoRetries.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : twoRetries;
        Duration half = renewDeadline.dividedBy(2);
        return atLeast.compareTo(half) > 0 ? half : atLeast;
    }

    /**
     * How long after its last renewal an instance that stopped polling may still confirm handled updates: halfway
     * between the renew deadline (when it stopped) and the Lease's expiry (when another instance may start).
     */
    Duration confirmWindow() {
        return renewDeadline.plus(leaseDuration.minus(renewDeadline).dividedBy(2));
    }
}
