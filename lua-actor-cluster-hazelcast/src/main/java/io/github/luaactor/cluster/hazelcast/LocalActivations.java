package io.github.luaactor.cluster.hazelcast;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.OverflowPolicy;
import io.github.luaactor.core.state.StateSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster actors active on this member: activated from the {@link ActorCatalog} on their first message here,
 * stopped (gracefully: what they already hold is handled and committed) when their partition moves to another
 * member.
 */
final class LocalActivations {
    private static final Logger LOG = LoggerFactory.getLogger(LocalActivations.class);

    private final ActorCatalog catalog;
    /** Cluster actors are durable actors on this store, saved after each message: one state path in the core. */
    private final StateSettings state;
    private final ConcurrentHashMap<String, LuaActorRef> active = new ConcurrentHashMap<>();
    /** Activations whose full mailbox blocks the sender: never fed from a Hazelcast partition thread. */
    private final Set<String> blocking = ConcurrentHashMap.newKeySet();
    private volatile LuaActorSystem system;

    LocalActivations(ActorCatalog catalog, HazelcastStateStore store) {
        this.catalog = catalog;
        this.state = StateSettings.durable(store);
    }

    void bind(LuaActorSystem system) {
        this.system = system;
    }

    /**
     * The actor if it is active and alive on this member and a send to it never waits (its overflow policy is not
     * {@code BLOCK}), else null; never activates.
     */
    LuaActorRef activeNonBlocking(String name) {
        LuaActorRef ref = active.get(name);
        return ref != null && ref.isAlive() && !blocking.contains(name) ? ref : null;
    }

    /**
     * The actor on this member, activated now if it is not.
     *
     * @throws ActorUnavailableException when a previous activation is still stopping
     * @throws LuaActorException         when the name is not a cluster actor or its scripts do not compile
     */
    LuaActorRef activate(String name) {
        LuaActorRef ref = active.get(name);
        if (ref != null && ref.isAlive()) {
            return ref;
        }
        return active.compute(name, (key, old) -> old != null && old.isAlive() ? old : start(key));
    }

    private LuaActorRef start(String name) {
        var builder = catalog.builderFor(name);
        if (builder == null) {
            throw new LuaActorException(name, "'" + name + "' is not a cluster actor on this member; every member"
                    + " must define the same cluster actors");
        }
        try {
            // The settings function sees the final settings (system defaults, then the catalog's changes).
            LuaActorRef ref = builder.state(state).settings(s -> {
                if (s.overflowPolicy() == OverflowPolicy.BLOCK) {
                    blocking.add(name);
                } else {
                    blocking.remove(name);
                }
                return s;
            }).start(system);
            ref.whenTerminated().whenComplete((v, e) -> active.remove(name, ref));
            LOG.debug("Lua actor '{}': activated on this member", name);
            return ref;
        } catch (LuaActorException e) {
            if (system.actor(name).isPresent()) {
                throw new ActorUnavailableException(name, "Lua actor '" + name + "': its previous activation on"
                        + " this member is still stopping; retry", e);
            }
            throw e;
        }
    }

    /** Gracefully stops every active actor whose name this member no longer owns; returns how many. */
    int deactivateUnless(Predicate<String> ownedHere) {
        int stopped = 0;
        for (var e : active.entrySet()) {
            if (!ownedHere.test(e.getKey())) {
                LOG.info("Lua actor '{}': its partition moved to another member; deactivating here", e.getKey());
                e.getValue().stop();
                active.remove(e.getKey(), e.getValue());
                stopped++;
            }
        }
        return stopped;
    }

    Set<String> names() {
        return Set.copyOf(active.keySet());
    }
}
