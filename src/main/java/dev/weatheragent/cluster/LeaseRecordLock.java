package dev.weatheragent.cluster;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseList;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * fabric8's {@link Lock} on a coordination.k8s.io/v1 Lease, written with the verbs the chart's Role grants: get,
 * create, and update (a PUT guarded by the resourceVersion). fabric8's own LeaseLock renews with a JSON merge patch,
 * which needs the patch verb. It also tells the {@link Listener} when a renewal succeeded and when the API server
 * fails, so that polling can stop on time whatever fabric8's callbacks do.
 */
final class LeaseRecordLock implements Lock {

    /** What the election learns from the Lease calls. */
    interface Listener {

        /** This instance wrote the Lease as its holder; the write was based on a read started at this time. */
        void renewed(long readStartedNanos);

        /** A call failed. */
        void apiFailed(String action, KubernetesClientException e);

        /** A call succeeded. */
        void apiOk();

        /** fabric8 is about to release the Lease: wait until polling was handed over. */
        void beforeRelease();

        /** Releasing the Lease failed; a standby takes over when it expires instead. */
        void releaseFailed(KubernetesClientException e);
    }

    private final String namespace;
    private final String name;
    private final String identity;
    private final Listener listener;
    /** The Lease as last read or written: its resourceVersion guards the next update. */
    private Lease lease;
    private long readStartedNanos;

    LeaseRecordLock(String namespace, String name, String identity, Listener listener) {
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.listener = listener;
    }

    @Override
    public synchronized LeaderElectionRecord get(KubernetesClient client) {
        readStartedNanos = System.nanoTime();
        lease = call("read", () -> leases(client).withName(name).get());
        return lease == null ? null : toRecord(lease);
    }

    @Override
    public synchronized void create(KubernetesClient client, LeaderElectionRecord record) {
        long basedOn = readStartedNanos;
        lease = call("create", () -> leases(client).resource(toLease(record, null)).create());
        if (identity.equals(record.getHolderIdentity())) {
            listener.renewed(basedOn);
        }
    }

    @Override
    public synchronized void update(KubernetesClient client, LeaderElectionRecord record) {
        Objects.requireNonNull(lease, "get or create must be called first");
        String holder = record.getHolderIdentity();
        boolean release = holder == null || holder.isEmpty();
        if (release) {
            listener.beforeRelease();
        }
        long basedOn = readStartedNanos;
        String version = lease.getMetadata().getResourceVersion();
        try {
            lease = call("update", () -> leases(client).resource(toLease(record, version)).update());
        } catch (KubernetesClientException e) {
            if (release) {
                // fabric8 would log this at error level; the standby simply waits for the Lease to expire.
                listener.releaseFailed(e);
                return;
            }
            throw e;
        }
        if (identity.equals(holder)) {
            listener.renewed(basedOn);
        }
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public String describe() {
        return "Lease " + namespace + "/" + name;
    }

    private NonNamespaceOperation<Lease, LeaseList, Resource<Lease>> leases(KubernetesClient client) {
        return client.leases().inNamespace(namespace);
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            T result = request.get();
            listener.apiOk();
            return result;
        } catch (KubernetesClientException e) {
            listener.apiFailed(action, e);
            throw e;
        } catch (RuntimeException e) {
            // fabric8's election loops only survive KubernetesClientException.
            KubernetesClientException wrapped = new KubernetesClientException(e.toString(), e);
            listener.apiFailed(action, wrapped);
            throw wrapped;
        }
    }

    private Lease toLease(LeaderElectionRecord record, String resourceVersion) {
        return new LeaseBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .withResourceVersion(resourceVersion)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(record.getHolderIdentity())
                .withLeaseDurationSeconds((int) Math.max(1, record.getLeaseDuration().toSeconds()))
                .withAcquireTime(record.getAcquireTime())
                .withRenewTime(record.getRenewTime())
                .withLeaseTransitions(record.getLeaderTransitions())
                .endSpec()
                .build();
    }

    private static LeaderElectionRecord toRecord(Lease lease) {
        var spec = lease.getSpec();
        if (spec == null) {
            return new LeaderElectionRecord(null, Duration.ofSeconds(1), epoch(), epoch(), 0);
        }
        return new LeaderElectionRecord(spec.getHolderIdentity(),
                Duration.ofSeconds(spec.getLeaseDurationSeconds() == null ? 1 : spec.getLeaseDurationSeconds()),
                spec.getAcquireTime() == null ? epoch() : spec.getAcquireTime(),
                spec.getRenewTime() == null ? epoch() : spec.getRenewTime(),
                spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions());
    }

    private static ZonedDateTime epoch() {
        return Instant.EPOCH.atZone(ZoneOffset.UTC);
    }
}
