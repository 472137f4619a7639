package dev.weatheragent.cluster;

import io.fabric8.kubernetes.client.Config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What leader election takes from its surroundings rather than from {@code BotConfig}: how to reach the API server,
 * how fast the Lease moves, where the service account's namespace file is, how far apart Events of one kind are,
 * and the host name. Production uses {@link #standard()}; tests point it at a mock API server with short leases.
 *
 * @param apiConfig     fabric8's client configuration; only called when leader election is on
 * @param timing        lease duration, renew deadline and retry period
 * @param namespaceFile the service account's namespace, used when {@code POD_NAMESPACE} is not set
 * @param eventSpacing  at most one Kubernetes Event of each reason within this time
 * @param hostname      the identity when {@code POD_NAME} is not set
 */
public record ClusterEnvironment(Supplier<Config> apiConfig, LeaseTiming timing, Path namespaceFile,
                                 Duration eventSpacing, Supplier<String> hostname) {

    /** The service account's namespace inside a pod. */
    public static final Path SERVICE_ACCOUNT_NAMESPACE =
            Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    /**
     * fabric8's standard discovery of the API server (the in-cluster service account, {@code KUBERNETES_MASTER} and
     * friends, or a kubeconfig), {@link LeaseTiming#STANDARD}, and Events of one reason at most every 30 s.
     */
    public static ClusterEnvironment standard() {
        return new ClusterEnvironment(() -> Config.autoConfigure(null), LeaseTiming.STANDARD,
                SERVICE_ACCOUNT_NAMESPACE, Duration.ofSeconds(30), ClusterEnvironment::localHostname);
    }

    private static String localHostname() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
