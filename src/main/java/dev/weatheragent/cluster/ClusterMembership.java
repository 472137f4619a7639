package dev.weatheragent.cluster;

import dev.weatheragent.config.LeaderElectionConfig;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.telegram.LongPollingLoop;
import dev.weatheragent.telegram.PollGate;
import dev.weatheragent.telegram.PollerState;

/**
 * Whether this instance is alone or one of several replicas that elect the one poller of the bot token. The poll
 * loop asks {@link #gate()} before every fetch; {@link #start} begins taking part, {@link #close} stops and hands
 * over.
 */
public interface ClusterMembership extends AutoCloseable {

    /** Whether this instance may poll now. */
    PollGate gate();

    /** Starts taking part, handing polling over through {@code loop} whenever this instance stops leading. */
    void start(LongPollingLoop loop);

    /** Stops taking part; a leader releases its Lease so that a standby takes over at once. Call after the loop stopped. */
    @Override
    void close();

    /** A single instance: always polls, and makes no Kubernetes calls at all. */
    static ClusterMembership single() {
        return new ClusterMembership() {
            @Override
            public PollGate gate() {
                return PollGate.alwaysOpen();
            }

            @Override
            public void start(LongPollingLoop loop) {
                // nothing to elect
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    /**
     * {@link #single()} when leader election is off; otherwise a Lease-based election through the API server that
     * {@code environment} describes, counting changes of leadership in {@code metrics}.
     *
     * @throws ClusterConfigException when leader election is on but the namespace cannot be determined
     */
    static ClusterMembership of(LeaderElectionConfig config, ClusterEnvironment environment, PollerState state,
                                BotMetrics metrics) {
        return config.enabled() ? LeaderElection.create(config, environment, state, metrics) : single();
    }
}
