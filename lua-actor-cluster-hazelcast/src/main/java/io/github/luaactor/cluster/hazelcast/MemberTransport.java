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
import com.hazelcast.topic.ITopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link Envelope}s to other members in batches: deliveries through one {@link Outbox} per partition, as
 * {@link DeliverProcessor}s run by the partition's owner on its partition thread (one ordered path per actor: the
 * next batch leaves when the previous one has run); replies through one per asking member, published on the
 * asker's reply topic ({@link ClusterSettings#REPLY_TOPIC_PREFIX}: one packet, no acknowledgement coming back, run on
 * the asker's event thread), or as {@link BatchTask}s on its delivery executor when it is of a release without that
 * topic. A batch that cannot be handed over or run
 * fails its asks at once with {@link ActorUnavailableException} (the messages may or may not have been handled:
 * never retried).
 */
final class MemberTransport {
    private static final Logger LOG = LoggerFactory.getLogger(MemberTransport.class);

    private final HazelcastInstance hazelcast;
    private final IExecutorService executor;
    private final IMap<Object, Object> inbox;
    private final BatchFrame frames;
    private final PendingAsks pending;
    private final ClusterCounters counters;
    private final ConcurrentHashMap<UUID, Outbox> outboxes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Outbox> partitions = new ConcurrentHashMap<>();
    /** A name's partition never changes; bounded like {@link OwnerCache}. */
    private final ConcurrentHashMap<String, Integer> partitionIds = new ConcurrentHashMap<>();
    /** The one thread that sends this member's batches, so they leave in the order they were posted. */
    private final ExecutorService flusher;

    MemberTransport(HazelcastInstance hazelcast, BatchFrame frames, PendingAsks pending, ClusterCounters counters) {
        this.hazelcast = hazelcast;
        this.executor = hazelcast.getExecutorService(ClusterSettings.DELIVERY_EXECUTOR);
        this.inbox = hazelcast.getMap(ClusterSettings.INBOX_MAP);
        this.frames = frames;
        this.pending = pending;
        this.counters = counters;
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
        byte[] bytes = frames.envelope(delivery);
        partitions.computeIfAbsent(partitionId(delivery.actor()), id -> Outbox.acked(null,
                (frame, first, size) -> {
                    CompletionStage<?> ack = inbox.submitToKey(first.actor(), new DeliverProcessor(frame));
                    sent(size);
                    return ownedHere(first.actor()) ? Outbox.onFlusher(ack, flusher) : ack;
                }, flusher, frames.frameLimit(),
                (batch, failure) -> failed(null, batch, failure))).post(delivery, bytes);
    }

    /** Whether Hazelcast runs the key's operations here (its stage then completes on a partition thread). */
    private boolean ownedHere(String key) {
        Member owner = hazelcast.getPartitionService().getPartition(key).getOwner();
        return owner == null || owner.localMember();
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

    private void send(Member member, Envelope envelope) {
        byte[] bytes = frames.envelope(envelope);
        outboxes.computeIfAbsent(member.getUuid(), id -> replyPath(member)).post(envelope, bytes);
    }

    private Outbox replyPath(Member member) {
        boolean topic = LoopbackHazelcast.REPLY_TOPIC.equals(member.getAttribute(
                LoopbackHazelcast.REPLY_PATH_ATTRIBUTE));
        ITopic<byte[]> replies = topic ? hazelcast.getTopic(ClusterSettings.REPLY_TOPIC_PREFIX + member.getUuid())
                : null;
        // Fire and forget either way: a member that dies meanwhile fails its asks by leaving.
        return new Outbox(member, (frame, first, size, failed) -> {
            sent(size);
            if (replies != null) {
                replies.publish(frame);
            } else {
                executor.executeOnMember(new BatchTask(frame), member);
            }
        }, flusher, frames.frameLimit(), (batch, failure) -> failed(member, batch, failure));
    }

    /** Sends a reply to the asking member, if it is still in the cluster. */
    void reply(UUID asker, Envelope envelope) {
        Outbox outbox = outboxes.get(asker);
        Member member = outbox != null ? outbox.member() : hazelcast.getCluster().getMembers().stream()
                .filter(m -> m.getUuid().equals(asker)).findFirst().orElse(null);
        if (member == null) {
            LOG.debug("Lua actor '{}': a reply was dropped, the asking member {} has left", envelope.actor(), asker);
            return;
        }
        try {
            send(member, envelope);
        } catch (MessageTooLargeException e) {
            send(member, Envelope.Failure.of(envelope.actor(), envelope.correlationId(), e));
        }
    }

    private void sent(int size) {
        counters.batches.increment();
        counters.batched.add(size);
    }

    /** The member has left: replies still waiting for it are dropped (its asks have no one to wait for them). */
    void memberLeft(UUID member) {
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
