package io.github.luaactor.cluster.hazelcast;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.RemoteActors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a message for a cluster actor goes: to the actor on this member when this member owns the actor's
 * partition (activating it if needed), otherwise to the owner as an {@link Envelope.Deliver} in the next batch for
 * the actor's partition ({@link MemberTransport}, {@link DeliverProcessor}). An ask to another member
 * completes with the reply, with {@link ActorUnavailableException} when that member leaves first, or with a
 * {@link java.util.concurrent.TimeoutException} after the ask timeout: never later.
 */
final class ClusterRouter implements RemoteActors {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRouter.class);

    private final HazelcastInstance hazelcast;
    private final ActorCatalog catalog;
    private final LocalActivations activations;
    private final PendingAsks pending;
    private final WireCodec codec;
    private final MemberTransport transport;
    private final ClusterCounters counters;
    private final String stateMap;
    private final OwnerCache owners;
    private volatile UUID localUuid;

    ClusterRouter(HazelcastInstance hazelcast, ActorCatalog catalog, LocalActivations activations,
            PendingAsks pending, WireCodec codec, ClusterSettings settings, ClusterCounters counters,
            MemberTransport transport) {
        this.hazelcast = hazelcast;
        this.catalog = catalog;
        this.activations = activations;
        this.pending = pending;
        this.codec = codec;
        this.stateMap = settings.stateMap();
        this.counters = counters;
        this.transport = transport;
        this.owners = new OwnerCache(this::partitionOwner);
    }

    /** Partitions moved or membership changed: owners are looked up afresh. */
    void ownersChanged() {
        owners.invalidate();
    }

    private Member partitionOwner(String name) {
        return hazelcast.getPartitionService().getPartition(name).getOwner();
    }

    private UUID localUuid() {
        UUID id = localUuid;
        if (id == null) {
            id = hazelcast.getCluster().getLocalMember().getUuid();
            localUuid = id;
        }
        return id;
    }

    @Override
    public boolean handles(String name) {
        return catalog.contains(name);
    }

    /** The member owning the actor's partition. */
    Member owner(String name) {
        Member owner = owners.owner(name);
        if (owner == null) {
            // Hazelcast assigns partitions on the first partition operation; reading the state map's size is one.
            hazelcast.getMap(stateMap).size();
            owner = owners.owner(name);
        }
        if (owner == null) {
            throw new ActorUnavailableException(name, "Lua actor '" + name
                    + "': no cluster member owns its partition yet (the cluster is starting or re-balancing)");
        }
        return owner;
    }

    /** As {@link #ownedHere}, from the owner cache: for the delivery path, which must not do more per message. */
    boolean ownedHereCached(String name) {
        Member owner = owners.owner(name);
        return owner != null && owner.localMember();
    }

    boolean ownedHere(String name) {
        Member owner = hazelcast.getPartitionService().getPartition(name).getOwner();
        return owner != null && owner.localMember();
    }

    @Override
    public CompletableFuture<LuaMessage> ask(String name, LuaMessage message, String sender) {
        if (ProcessorThread.isMarked()) {
            return askFromFlusher(name, message, sender);
        }
        try {
            Member owner = owner(name);
            if (owner.localMember()) {
                counters.localAsks.increment();
                return activations.activate(name).send(message);
            }
            byte[] bytes = codec.encode(name, message);
            CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
            long id = pending.register(name, owner.getUuid(), reply);
            try {
                // Other asks in flight: more messages are on their way, so this one may wait for the flusher's batch.
                transport.deliver(new Envelope.Deliver(name, sender, id, localUuid(), bytes, false),
                        pending.size() > 1);
                counters.remoteAsks.increment();
            } catch (MessageTooLargeException e) {
                pending.fail(id, e);
            } catch (RuntimeException e) {
                pending.fail(id, unavailable(name, e));
            }
            return reply;
        } catch (LuaActorException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void tell(String name, LuaMessage message, String sender) {
        if (ProcessorThread.isMarked()) {
            // Hazelcast operations (finding an owner, loading an activation's state) cannot run here.
            transport.offPartitionThread(() -> {
                try {
                    tell(name, message, sender);
                } catch (RuntimeException e) {
                    LOG.warn("Lua actor '{}': a message from '{}' was not sent: {}", name, sender, e.getMessage());
                }
            });
            return;
        }
        Member owner = owner(name);
        if (owner.localMember()) {
            activations.activate(name).doSend(message);
            return;
        }
        byte[] bytes = codec.encode(name, message);
        try {
            transport.deliver(new Envelope.Deliver(name, sender, 0, null, bytes, false));
            counters.remoteTells.increment();
        } catch (MessageTooLargeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable(name, e);
        }
    }

    /**
     * An ask made on a Hazelcast partition thread (by code chained to an ask this member completed there): routed
     * from the flusher thread, since finding the owner or activating the actor may need Hazelcast operations.
     */
    private CompletableFuture<LuaMessage> askFromFlusher(String name, LuaMessage message, String sender) {
        CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
        try {
            transport.offPartitionThread(() -> ask(name, message, sender).whenComplete((r, e) -> {
                if (e == null) {
                    reply.complete(r);
                } else {
                    reply.completeExceptionally(e);
                }
            }));
        } catch (RuntimeException e) {
            reply.completeExceptionally(unavailable(name, e));
        }
        return reply;
    }

    /**
     * Passes a delivery this member received but does not own (the sender's view of the owner was stale) on to the
     * owner, once: the reply, if any, goes from there straight to the asker.
     *
     * @return false when no other member owns it now (deliver here)
     */
    boolean forward(Envelope.Deliver delivery) {
        Member owner = owners.owner(delivery.actor());
        if (owner == null || owner.localMember()) {
            return false;
        }
        transport.deliver(delivery.forwardedCopy());
        return true;
    }

    private static ActorUnavailableException unavailable(String name, RuntimeException e) {
        LOG.debug("Lua actor '{}': could not hand a message to its owner", name, e);
        return new ActorUnavailableException(name, "Lua actor '" + name + "': the message could not be handed to"
                + " the member that owns it: " + e.getMessage(), e);
    }
}
