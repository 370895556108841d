package io.github.luaactor.cluster.hazelcast;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaStatePersistence;

/**
 * The {@code ctx.state} of cluster actors in the {@link HazelcastStateStore}: loaded when an actor activates (or
 * restarts), committed after each handled message with the revision this member last saw. A commit whose state is
 * byte-for-byte the last one committed (or still empty) is skipped, so messages that only read the state cost no
 * write.
 */
final class ReplicatedState implements LuaStatePersistence {
    private final ActorCatalog catalog;
    private final HazelcastStateStore store;
    private final WireCodec codec;
    /** What this member last loaded or committed per active actor; touched by the actor's own thread. */
    private final ConcurrentHashMap<String, StateSnapshot> seen = new ConcurrentHashMap<>();

    ReplicatedState(ActorCatalog catalog, HazelcastStateStore store, WireCodec codec) {
        this.catalog = catalog;
        this.store = store;
        this.codec = codec;
    }

    @Override
    public boolean persists(String actor) {
        return catalog.contains(actor);
    }

    @Override
    public LuaMessage restore(String actor) {
        StateSnapshot snapshot = store.load(actor).orElse(null);
        if (snapshot == null) {
            seen.remove(actor);
            return LuaMessage.NIL;
        }
        seen.put(actor, snapshot);
        return codec.decode(actor, snapshot.bytes());
    }

    @Override
    public void commit(String actor, LuaMessage state) {
        byte[] bytes = codec.encode(actor, state);
        StateSnapshot last = seen.get(actor);
        long expected = last == null ? 0 : last.revision();
        if (last == null ? isEmpty(state) : Arrays.equals(last.bytes(), bytes)) {
            return;
        }
        long revision = store.save(actor, bytes, expected);
        seen.put(actor, new StateSnapshot(revision, bytes));
    }

    /** A state no message has set: nothing to commit while nothing is stored. */
    private static boolean isEmpty(LuaMessage state) {
        return state instanceof LuaMessage.Nil || state instanceof LuaMessage.Table t && t.entries().isEmpty();
    }

    /** The revision this member last saw for an actor, 0 when none. */
    long revision(String actor) {
        StateSnapshot last = seen.get(actor);
        return last == null ? 0 : last.revision();
    }

    void forget(String actor) {
        seen.remove(actor);
    }
}
