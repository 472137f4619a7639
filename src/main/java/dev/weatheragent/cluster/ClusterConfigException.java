package dev.weatheragent.cluster;

/** Leader election is on but cannot work with this environment, e.g. the namespace of the Lease is unknown. */
public final class ClusterConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterConfigException(String message) {
        super(message);
    }
}
