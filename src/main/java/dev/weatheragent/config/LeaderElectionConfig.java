package dev.weatheragent.config;

import java.util.Optional;

/**
 * Settings of Lease-based leader election, so that only one replica polls Telegram. Off by default; when off the
 * bot makes no Kubernetes calls at all.
 *
 * @param enabled      {@code LEADER_ELECTION=true}
 * @param leaseName    name of the coordination.k8s.io Lease
 * @param podName      this replica's identity (downward API); the hostname when absent
 * @param podNamespace namespace of the Lease (downward API); the service account's namespace when absent
 */
public record LeaderElectionConfig(boolean enabled, String leaseName, Optional<String> podName,
                                   Optional<String> podNamespace) {
}
