package io.github.luaactor.cluster.hazelcast;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link Envelope}s to other members in batches: deliveries through one {@link Outbox} per partition (one
 * ordered path per actor), replies through one per asking member. A batch goes on the receiving member's topic
 * ({@link MemberTopics}: one packet each way, no acknowledgement) when that member is known to listen there;
 * otherwise deliveries go as {@link DeliverProcessor}s, run by the partition's owner on its partition thread (the
 * next batch on that path leaves when this one has run), and replies as {@link BatchTask}s on the asker's delivery
 * executor (a member of an earlier release). A batch that cannot be handed over or run fails its asks at once with
 * {@link ActorUnavailableException} (the messages may or may not have been handled: never retried).
 */
final class MemberTransport {
    private static final Logger LOG = LoggerFactory.getLogger(MemberTransport.class);

    private final HazelcastInstance hazelcast;
    private final IExecutorService executor;
    private final IMap<Object, Object> inbox;
    private final BatchFrame frames;
    private final PendingAsks pending;
    private final ClusterCounters counters;
    private final MemberTopics topics;
    private final ConcurrentHashMap<UUID, Outbox> outboxes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Outbox> partitions = new ConcurrentHashMap<>();
    /** A name's partition never changes; bounded like {@link OwnerCache}. */
    private final ConcurrentHashMap<String, Integer> partitionIds = new ConcurrentHashMap<>();
    private static final CompletionStage<Void> PUBLISHED = java.util.concurrent.CompletableFuture.completedFuture(null);
    /** The one thread that sends this member's batches, so they leave in the order they were posted. */
    private final ExecutorService flusher;

    MemberTransport(HazelcastInstance hazelcast, BatchFrame frames, PendingAsks pending, ClusterCounters counters) {
        this.hazelcast = hazelcast;
        this.executor = hazelcast.getExecutorService(ClusterSettings.DELIVERY_EXECUTOR);
        this.inbox = hazelcast.getMap(ClusterSettings.INBOX_MAP);
        this.frames = frames;
        this.pending = pending;
        this.counters = counters;
        this.topics = new MemberTopics(hazelcast);
        this.flusher = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("lua-actor-cluster-flusher-" + hazelcast.getName()).factory());
    }

    /** Stops the flusher after it has sent what is queued. */
    void close() {
        flusher.shutdown();
    }

    BatchFrame frames() {
        return frames;
    }

    MemberTopics topics() {
        return topics;
    }

    /** An empty batch to every member that takes batches on its topic: this member listens on its own now. */
    void greet() {
        topics.greet(List.copyOf(hazelcast.getCluster().getMembers()), BatchFrame.frame(List.of()));
    }

    /** An empty array (not even a frame) to every member that takes batches on its topic: this one stopped. */
    void farewell() {
        topics.greet(List.copyOf(hazelcast.getCluster().getMembers()), new byte[0]);
    }

    /** Runs {@code work} on the flusher thread: for what must not run on a Hazelcast partition thread. */
    void offPartitionThread(Runnable work) {
        flusher.execute(work);
    }

    /**
     * Encodes the delivery now (so a message over the limit fails its sender) and posts it on its partition's path
     * to whichever member owns the partition when the batch leaves.
     *
     * @throws MessageTooLargeException when it is over the frame limit
     */
    void deliver(Envelope.Deliver delivery) {
        deliver(delivery, false);
    }

    /** As {@link #deliver(Envelope.Deliver)}; {@code moreComing}: see {@link Outbox#post(Envelope, byte[], boolean)}. */
    void deliver(Envelope.Deliver delivery, boolean moreComing) {
        byte[] bytes = frames.envelope(delivery);
        partitions.computeIfAbsent(partitionId(delivery.actor()), id -> Outbox.acked(null, this::dispatchDeliveries,
                flusher, frames.frameLimit(), (batch, failure) -> failed(null, batch, failure)))
                .post(delivery, bytes, moreComing);
    }

    /**
     * To the partition's owner now: on its topic when it listens there (done when published; the order of one
     * publisher's batches is kept), else as a partition operation (done when it has run). Switching from the second
     * to the first keeps the order too, since a batch leaves only once the one before it is done.
     */
    private CompletionStage<?> dispatchDeliveries(byte[] frame, Envelope first, int size) {
        sent(size);
        Member owner = hazelcast.getPartitionService().getPartition(first.actor()).getOwner();
        if (owner != null && !owner.localMember() && topics.listening(owner)) {
            topics.publish(owner, frame);
            return PUBLISHED;
        }
        return inbox.submitToKey(first.actor(), new DeliverProcessor(frame));
    }

    private int partitionId(String name) {
        Integer id = partitionIds.get(name);
        if (id == null) {
            id = hazelcast.getPartitionService().getPartition(name).getPartitionId();
            if (partitionIds.size() >= OwnerCache.MAX_NAMES) {
                partitionIds.clear();
            }
            partitionIds.put(name, id);
        }
        return id;
    }

    private void send(Member member, Envelope envelope, boolean moreComing) {
        byte[] bytes = frames.envelope(envelope);
        outboxes.computeIfAbsent(member.getUuid(), id -> replyPath(member)).post(envelope, bytes, moreComing);
    }

    /** The asker listens on its topic if it has one: it subscribed before it could ask. */
    private Outbox replyPath(Member member) {
        boolean topic = MemberTopics.supported(member);
        // Fire and forget either way: a member that dies meanwhile fails its asks by leaving.
        return new Outbox(member, (frame, first, size, failed) -> {
            sent(size);
            if (topic) {
                topics.publish(member, frame);
            } else {
                executor.executeOnMember(new BatchTask(frame), member);
            }
        }, flusher, frames.frameLimit(), (batch, failure) -> failed(member, batch, failure));
    }

    /** Sends a reply to the asking member, if it is still in the cluster. */
    void reply(UUID asker, Envelope envelope) {
        reply(asker, envelope, false);
    }

    /** As {@link #reply(UUID, Envelope)}; {@code moreComing}: see {@link Outbox#post(Envelope, byte[], boolean)}. */
    void reply(UUID asker, Envelope envelope, boolean moreComing) {
        Outbox outbox = outboxes.get(asker);
        Member member = outbox != null ? outbox.member() : hazelcast.getCluster().getMembers().stream()
                .filter(m -> m.getUuid().equals(asker)).findFirst().orElse(null);
        if (member == null) {
            LOG.debug("Lua actor '{}': a reply was dropped, the asking member {} has left", envelope.actor(), asker);
            return;
        }
        try {
            send(member, envelope, moreComing);
        } catch (MessageTooLargeException e) {
            send(member, Envelope.Failure.of(envelope.actor(), envelope.correlationId(), e), moreComing);
        }
    }

    private void sent(int size) {
        counters.batches.increment();
        counters.batched.add(size);
    }

    /** The member has left: replies still waiting for it are dropped (its asks have no one to wait for them). */
    void memberLeft(UUID member) {
        topics.memberLeft(member);
        Outbox outbox = outboxes.remove(member);
        if (outbox != null) {
            failed(outbox.member(), outbox.drain(),
                    new IllegalStateException("member " + member + " left the cluster"));
        }
    }

    /** Messages waiting for a batch in flight, over all paths. */
    int waiting() {
        return outboxes.values().stream().mapToInt(Outbox::waiting).sum()
                + partitions.values().stream().mapToInt(Outbox::waiting).sum();
    }

    private void failed(Member member, List<Outbox.Posted> batch, Throwable failure) {
        for (Outbox.Posted posted : batch) {
            Envelope e = posted.envelope();
            if (e instanceof Envelope.Deliver d && d.correlationId() != 0) {
                if (pending.fail(d.correlationId(), new ActorUnavailableException(d.actor(), "Lua actor '"
                        + d.actor() + "': the message could not be handed to the member that holds it"
                        + " (it may or may not have been handled): " + failure, failure))) {
                    counters.unavailable.increment();
                }
            } else if (e instanceof Envelope.Deliver d) {
                LOG.warn("Lua actor '{}': a message from '{}' could not be handed to the member that holds it: {}",
                        d.actor(), d.sender(), failure.toString());
            } else {
                LOG.debug("Lua actor '{}': a reply could not be handed to the asking member", e.actor(), failure);
            }
        }
        try {
            if (member != null && !hazelcast.getCluster().getMembers().contains(member)) {
                outboxes.remove(member.getUuid());
            }
        } catch (RuntimeException e) {
            LOG.debug("Hazelcast is shutting down", e);
            outboxes.clear();
        }
    }
}
