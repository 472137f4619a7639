package dev.weatheragent.cluster;

import dev.weatheragent.config.LeaderElectionConfig;
import dev.weatheragent.metrics.BotMetrics;
import dev.weatheragent.telegram.LongPollingLoop;
import dev.weatheragent.telegram.PollGate;
import dev.weatheragent.telegram.PollerState;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Lease-based leader election with fabric8's {@link LeaderElector}: the instance holding the Lease polls Telegram,
 * the others stand by. The gate is open only while fabric8 reports this instance as leader <em>and</em> its last
 * successful renewal is younger than the renew deadline, checked on every poll and by a timer of its own: when the
 * API server becomes unreachable, polling stops before the Lease can expire, even while fabric8's renewal call still
 * hangs. Whenever the gate closes, polling is handed over (abort the long poll, drain, confirm) before the Lease is
 * released. fabric8 stops an elector for good once leadership ends, so a new one is started each time.
 */
final class LeaderElection implements ClusterMembership, PollGate, LeaseRecordLock.Listener {

    private static final System.Logger LOG = System.getLogger(LeaderElection.class.getName());
    /**
     * fabric8 warns with a stack trace on every failed acquire attempt and logs an error when a release fails; this
     * class reports API trouble once per episode and failed releases itself instead. Held here because
     * java.util.logging forgets the level of a logger nobody references.
     */
    private static final java.util.logging.Logger FABRIC8_ELECTOR_LOG =
            java.util.logging.Logger.getLogger(LeaderElector.class.getName());

    private final String namespace;
    private final String leaseName;
    private final String identity;
    private final LeaseTiming timing;
    private final KubernetesClient client;
    private final PollerState state;
    private final BotMetrics metrics;
    private final PodEvents events;
    private final LeaseRecordLock lock;
    /** fabric8's acquire and renew loops: a platform thread, as they block in synchronized code on HTTP calls. */
    private final ExecutorService electorThread = Executors.newSingleThreadExecutor(daemon("leader-election"));
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(daemon("leader-election-timer"));

    private volatile boolean elected;
    private volatile long renewedAtNanos;
    private volatile boolean superseded;
    private volatile boolean releasing;
    private volatile boolean closing;
    private volatile LongPollingLoop loop;
    private volatile CompletableFuture<Void> handover = CompletableFuture.completedFuture(null);

    private final Object guard = new Object();
    // Guarded by guard:
    private CompletableFuture<?> running;
    private ScheduledFuture<?> deadlineCheck;
    private boolean open;
    private String knownLeader;
    private String apiTrouble;

    private LeaderElection(String namespace, String leaseName, String identity, LeaseTiming timing,
                           KubernetesClient client, PollerState state, Duration eventSpacing, BotMetrics metrics) {
        this.namespace = namespace;
        this.metrics = metrics;
        this.leaseName = leaseName;
        this.identity = identity;
        this.timing = timing;
        this.client = client;
        this.state = state;
        this.events = new PodEvents(client, namespace, identity, eventSpacing);
        this.lock = new LeaseRecordLock(namespace, leaseName, identity, this);
        // Stale from the start: only a renewal by this process opens the gate.
        this.renewedAtNanos = System.nanoTime() - timing.leaseDuration().toNanos() * 2;
    }

    static LeaderElection create(LeaderElectionConfig config, ClusterEnvironment environment, PollerState state,
                                 BotMetrics metrics) {
        String namespace = namespace(config, environment);
        String identity = config.podName().filter(name -> !name.isBlank()).map(String::strip)
                .orElseGet(environment.hostname());
        if (identity == null || identity.isBlank()) {
            throw new ClusterConfigException("LEADER_ELECTION is on but this instance has no identity: set POD_NAME"
                    + " (the chart sets it from the downward API)");
        }
        Config api = environment.apiConfig().get();
        int timeoutMillis = (int) environment.timing().requestTimeout().toMillis();
        api.setRequestTimeout(timeoutMillis);
        api.setConnectionTimeout(timeoutMillis);
        // The election retries by itself; fabric8's own retries would stretch one call past the renew deadline.
        api.setRequestRetryBackoffLimit(0);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(api).build();
        state.role("standby");
        return new LeaderElection(namespace, config.leaseName(), identity, environment.timing(), client, state,
                environment.eventSpacing(), metrics);
    }

    /** {@code POD_NAMESPACE}, else the service account's namespace file. */
    static String namespace(LeaderElectionConfig config, ClusterEnvironment environment) {
        Optional<String> fromEnv = config.podNamespace().filter(ns -> !ns.isBlank()).map(String::strip);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        try {
            String fromFile = Files.readString(environment.namespaceFile()).strip();
            if (!fromFile.isEmpty()) {
                return fromFile;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new ClusterConfigException("LEADER_ELECTION is on but the namespace of the Lease cannot be"
                + " determined: set POD_NAMESPACE (the chart sets it from the downward API) or mount a service"
                + " account token (" + environment.namespaceFile() + " is missing or empty)");
    }

    // ---- PollGate ---------------------------------------------------------------------------------------------

    @Override
    public PollGate gate() {
        return this;
    }

    @Override
    public boolean mayPoll() {
        return elected && !releasing && !closing
                && System.nanoTime() - renewedAtNanos < timing.renewDeadline().toNanos();
    }

    // ---- lifecycle --------------------------------------------------------------------------------------------

    @Override
    public void start(LongPollingLoop poller) {
        loop = poller;
        FABRIC8_ELECTOR_LOG.setLevel(java.util.logging.Level.OFF);
        LOG.log(INFO, "leader election on: " + describe() + " as " + identity + " (lease "
                + seconds(timing.leaseDuration()) + ", renew deadline " + seconds(timing.renewDeadline())
                + ", retry " + seconds(timing.retryPeriod()) + "); this instance polls Telegram only while it"
                + " holds the Lease");
        startElector();
    }

    @Override
    public void close() {
        CompletableFuture<?> run;
        synchronized (guard) {
            if (closing) {
                return;
            }
            closing = true;
            run = running;
            if (deadlineCheck != null) {
                deadlineCheck.cancel(false);
            }
        }
        reconcile();
        if (run != null) {
            // Runs fabric8's stopLeading on this thread: with releaseOnCancel it releases the Lease, so that a
            // standby takes over at its next attempt instead of waiting for the Lease to expire.
            run.cancel(true);
        }
        timer.shutdownNow();
        electorThread.shutdownNow();
        events.close(Duration.ofSeconds(2));
        client.close();
    }

    private void startElector() {
        synchronized (guard) {
            if (closing) {
                return;
            }
            releasing = false;
            LeaderElector elector = new LeaderElectorBuilder(client, electorThread)
                    .withConfig(new LeaderElectionConfigBuilder()
                            .withName(leaseName)
                            .withLock(lock)
                            .withLeaseDuration(timing.leaseDuration())
                            .withRenewDeadline(timing.renewDeadline())
                            .withRetryPeriod(timing.retryPeriod())
                            .withReleaseOnCancel(true)
                            .withLeaderCallbacks(new LeaderCallbacks(this::onStartLeading, this::onStopLeading,
                                    this::onNewLeader))
                            .build())
                    .build();
            CompletableFuture<?> run = elector.start();
            running = run;
            run.whenComplete((ignored, failure) -> electorEnded(failure));
        }
    }

    private void electorEnded(Throwable failure) {
        if (closing) {
            return;
        }
        elected = false;
        reconcile();
        if (failure != null && !(failure instanceof CancellationException)) {
            LOG.log(WARNING, "leader election failed: " + failure);
        }
        LOG.log(DEBUG, "leader election ended (fabric8 stops an elector for good); starting a new one");
        try {
            timer.schedule(this::startElector, timing.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    // ---- fabric8's callbacks (they may come twice, or not at all on release: the gate does not rely on them) ---

    private void onStartLeading() {
        elected = true;
        reconcile();
    }

    private void onStopLeading() {
        elected = false;
        reconcile();
    }

    private void onNewLeader(String holder) {
        if (holder == null || holder.isEmpty()) {
            return;
        }
        boolean other = !holder.equals(identity);
        if (other) {
            superseded = true;
        }
        synchronized (guard) {
            if (holder.equals(knownLeader)) {
                return;
            }
            knownLeader = holder;
        }
        if (other) {
            LOG.log(INFO, "the leader is " + holder + "; this instance (" + identity + ") stands by");
        }
    }

    // ---- what the Lease calls report ----------------------------------------------------------------------

    @Override
    public void renewed(long readStartedNanos) {
        renewedAtNanos = readStartedNanos;
        superseded = false;
        reconcile();
    }

    @Override
    public void apiFailed(String action, KubernetesClientException e) {
        int code = e.getCode();
        if (closing) {
            LOG.log(DEBUG, "Kubernetes API call failed while shutting down: " + problem(e));
            return;
        }
        if (code == 409) {
            LOG.log(DEBUG, "another instance wrote " + describe() + " first");
            return;
        }
        boolean refused = code == 401 || code == 403 || code == 404;
        String trouble = refused ? "refused " + code : "unreachable";
        synchronized (guard) {
            if (trouble.equals(apiTrouble)) {
                LOG.log(DEBUG, "Kubernetes API still " + trouble + ": " + e.getMessage());
                return;
            }
            apiTrouble = trouble;
        }
        if (refused) {
            String message = "the Kubernetes API refused to " + action + " " + describe() + " (HTTP " + code + "): "
                    + (code == 404 ? "does the namespace " + namespace + " exist?"
                    : "the service account needs get, create and update on leases in coordination.k8s.io")
                    + "; this instance cannot lead until that is fixed";
            LOG.log(ERROR, message);
            events.warning("LeaderElectionFailed", message);
        } else {
            LOG.log(WARNING, "the Kubernetes API is unreachable (" + action + " " + describe() + ": "
                    + problem(e) + "); a leader stops polling " + seconds(timing.renewDeadline())
                    + " after its last renewal; retrying every " + seconds(timing.retryPeriod()));
        }
    }

    @Override
    public void apiOk() {
        synchronized (guard) {
            if (apiTrouble == null) {
                return;
            }
            apiTrouble = null;
        }
        LOG.log(INFO, "the Kubernetes API answers again");
    }

    @Override
    public void beforeRelease() {
        releasing = true;
        reconcile();
        try {
            handover.get(timing.confirmWindow().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(WARNING, "releasing " + describe() + " before the hand-over finished: " + e);
        }
    }

    @Override
    public void releaseFailed(KubernetesClientException e) {
        LOG.log(INFO, "could not release " + describe() + " (" + problem(e) + "); a standby takes over when it"
                + " expires, " + seconds(timing.leaseDuration()) + " after the last renewal");
    }

    // ---- the gate's transitions -------------------------------------------------------------------------------

    /** Reports a change of the gate: role, log line, Event, and the hand-over when it closed. Idempotent. */
    private void reconcile() {
        synchronized (guard) {
            boolean nowOpen = mayPoll();
            if (nowOpen) {
                scheduleDeadlineCheck();
            }
            if (nowOpen == open) {
                return;
            }
            open = nowOpen;
            metrics.leadershipChanged(nowOpen);
            if (nowOpen) {
                state.role("leader");
                LOG.log(INFO, "this instance (" + identity + ") leads: it holds " + describe()
                        + " and polls Telegram");
                events.normal("LeaderElected", identity + " holds " + describe() + " and polls Telegram");
                return;
            }
            state.role("standby");
            if (closing) {
                LOG.log(INFO, "this instance stopped polling Telegram to shut down; releasing " + describe());
                events.normal("LeaderReleased", identity + " stopped polling Telegram to shut down and released "
                        + describe());
                return;
            }
            String why;
            if (releasing) {
                why = "leadership ended; releasing " + describe();
            } else if (superseded) {
                why = "another instance holds " + describe();
            } else if (!elected) {
                why = "lost " + describe();
            } else {
                why = "no renewal of " + describe() + " succeeded within the renew deadline ("
                        + seconds(timing.renewDeadline()) + "), stopping before the Lease can expire";
            }
            LOG.log(WARNING, "this instance stopped polling Telegram: " + why);
            events.warning("LeaderLost", identity + " stopped polling Telegram: " + why);
            startHandover();
        }
    }

    /** Closes the gate on time even when no callback comes, e.g. while a renewal call hangs. */
    private void scheduleDeadlineCheck() {
        if (closing) {
            return;
        }
        if (deadlineCheck != null) {
            deadlineCheck.cancel(false);
        }
        long delay = renewedAtNanos + timing.renewDeadline().toNanos() - System.nanoTime();
        try {
            deadlineCheck = timer.schedule(this::reconcile, Math.max(0, delay) + 1_000_000, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /**
     * Aborts the long poll and drains in the background. Handled updates are confirmed only while no other instance
     * can be polling yet: before halfway between the renew deadline and the Lease's expiry, and not at all once
     * another holder was seen.
     */
    private void startHandover() {
        LongPollingLoop poller = loop;
        if (poller == null) {
            return;
        }
        long now = System.nanoTime();
        long confirmBy = superseded ? now : renewedAtNanos + timing.confirmWindow().toNanos();
        Duration grace = Duration.ofNanos(Math.max(0, confirmBy - now));
        BooleanSupplier mayConfirm = () -> mayPoll() || (!superseded && System.nanoTime() - confirmBy < 0);
        handover = handover.handle((ignored, failure) -> (Void) null)
                .thenRunAsync(() -> poller.yieldPolling(grace, mayConfirm),
                        task -> Thread.ofVirtual().name("leader-handover").start(task));
    }

    private String describe() {
        return lock.describe();
    }

    /** The status code or the root cause: fabric8's own message only names the operation. */
    static String problem(KubernetesClientException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root == e ? "" : ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + root.getMessage());
        return (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "") + e.getMessage() + cause;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
