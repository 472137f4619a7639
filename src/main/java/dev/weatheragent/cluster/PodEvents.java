package dev.weatheragent.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Records core/v1 Events on this pod ({@code kubectl get events}, {@code kubectl describe pod}) in the background:
 * each Event is created once and never patched or updated (the Role grants create only). At most one Event of each
 * reason within the spacing; the suppressed ones are counted into the next. Recording never blocks the caller, and
 * a failure is logged once.
 */
final class PodEvents {

    private static final System.Logger LOG = System.getLogger(PodEvents.class.getName());
    static final String COMPONENT = "weather-agent";

    private final KubernetesClient client;
    private final String namespace;
    private final String podName;
    private final Duration spacing;
    private final ThreadPoolExecutor sender;
    private final Map<String, Long> lastByReason = new HashMap<>();
    private final Map<String, Integer> suppressedByReason = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean refusalLogged;

    PodEvents(KubernetesClient client, String namespace, String podName, Duration spacing) {
        this.client = client;
        this.namespace = namespace;
        this.podName = podName;
        this.spacing = spacing;
        // One platform thread (the HTTP call may block), a short queue, and new Events dropped when it is full.
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(16),
                runnable -> {
                    Thread thread = new Thread(runnable, "kubernetes-events");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
    }

    void normal(String reason, String message) {
        record("Normal", reason, message);
    }

    void warning(String reason, String message) {
        record("Warning", reason, message);
    }

    private void record(String type, String reason, String message) {
        String text;
        synchronized (this) {
            long now = System.nanoTime();
            Long last = lastByReason.get(reason);
            if (last != null && now - last < spacing.toNanos()) {
                suppressedByReason.merge(reason, 1, Integer::sum);
                LOG.log(DEBUG, "Event " + reason + " suppressed by the rate limit");
                return;
            }
            lastByReason.put(reason, now);
            Integer suppressed = suppressedByReason.remove(reason);
            text = suppressed == null ? message : message + " (" + suppressed + " similar Events suppressed)";
        }
        Event event = build(type, reason, text);
        sender.execute(() -> create(event));
    }

    private Event build(String type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        // Unique per Event, like client-go's: the pod name and a time-based suffix.
        String name = podName + "." + Long.toHexString(System.currentTimeMillis()) + sequence.incrementAndGet();
        return new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewInvolvedObject().withApiVersion("v1").withKind("Pod").withName(podName)
                .withNamespace(namespace).endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withReportingInstance(podName)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
    }

    private void create(Event event) {
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
            LOG.log(DEBUG, "recorded Event " + event.getReason());
        } catch (KubernetesClientException e) {
            // An unreachable API server is reported by the election already; a refusal (RBAC) is worth a warning.
            boolean refused = e.getCode() > 0;
            LOG.log(refused && !refusalLogged ? WARNING : DEBUG, "could not record the Kubernetes Event "
                    + event.getReason() + ": " + LeaderElection.problem(e));
            refusalLogged |= refused;
        }
    }

    /** Lets queued Events go out for up to {@code wait}, then stops. */
    void close(Duration wait) {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
