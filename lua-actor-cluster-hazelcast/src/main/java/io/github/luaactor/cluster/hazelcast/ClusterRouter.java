package io.github.luaactor.cluster.hazelcast;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.RemoteActors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a message for a cluster actor goes: to the actor on this member when this member owns the actor's
 * partition (activating it if needed), otherwise to the owner as a {@link DeliverTask}. An ask to another member
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
    private final Duration askTimeout;
    private final IExecutorService delivery;
    private final ClusterCounters counters;
    private final String stateMap;

    ClusterRouter(HazelcastInstance hazelcast, ActorCatalog catalog, LocalActivations activations,
            PendingAsks pending, WireCodec codec, ClusterSettings settings, ClusterCounters counters) {
        this.hazelcast = hazelcast;
        this.catalog = catalog;
        this.activations = activations;
        this.pending = pending;
        this.codec = codec;
        this.askTimeout = settings.askTimeout();
        this.stateMap = settings.stateMap();
        this.counters = counters;
        this.delivery = hazelcast.getExecutorService(ClusterSettings.DELIVERY_EXECUTOR);
    }

    @Override
    public boolean handles(String name) {
        return catalog.contains(name);
    }

    /** The member owning the actor's partition. */
    Member owner(String name) {
        Member owner = hazelcast.getPartitionService().getPartition(name).getOwner();
        if (owner == null) {
            // Hazelcast assigns partitions on the first partition operation; reading the state map's size is one.
            hazelcast.getMap(stateMap).size();
            owner = hazelcast.getPartitionService().getPartition(name).getOwner();
        }
        if (owner == null) {
            throw new ActorUnavailableException(name, "Lua actor '" + name
                    + "': no cluster member owns its partition yet (the cluster is starting or re-balancing)");
        }
        return owner;
    }

    boolean ownedHere(String name) {
        Member owner = hazelcast.getPartitionService().getPartition(name).getOwner();
        return owner != null && owner.localMember();
    }

    @Override
    public CompletableFuture<LuaMessage> ask(String name, LuaMessage message, String sender) {
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
                delivery.executeOnKeyOwner(new DeliverTask(name, sender, bytes, id,
                        hazelcast.getCluster().getLocalMember().getUuid()), name);
                counters.remoteAsks.increment();
            } catch (RuntimeException e) {
                pending.fail(id, unavailable(name, e));
            }
            return reply.orTimeout(askTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (LuaActorException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void tell(String name, LuaMessage message, String sender) {
        Member owner = owner(name);
        if (owner.localMember()) {
            activations.activate(name).doSend(message);
            return;
        }
        byte[] bytes = codec.encode(name, message);
        try {
            delivery.executeOnKeyOwner(new DeliverTask(name, sender, bytes, 0, null), name);
            counters.remoteTells.increment();
        } catch (RuntimeException e) {
            throw unavailable(name, e);
        }
    }

    private static ActorUnavailableException unavailable(String name, RuntimeException e) {
        LOG.debug("Lua actor '{}': could not hand a message to its owner", name, e);
        return new ActorUnavailableException(name, "Lua actor '" + name + "': the message could not be handed to"
                + " the member that owns it: " + e.getMessage(), e);
    }
}
