package io.github.luaactor.core.state;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A store in a map of this JVM, with the same revision checks as a database: a restarted actor (or one started
 * again under the same name) gets its last state back, a JVM restart loses everything. For tests and for actors
 * that only need to survive their own restarts.
 */
public final class InMemoryLuaStateStore implements LuaStateStore {
    private final ConcurrentMap<String, StateSnapshot> snapshots = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryLuaStateStore() {
        this(Clock.systemUTC());
    }

    public InMemoryLuaStateStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String kind() {
        // Not "memory": that names state kept in the VM only, without a store.
        return "in-memory";
    }

    @Override
    public Optional<StateSnapshot> load(String actor) {
        return Optional.ofNullable(snapshots.get(actor));
    }

    @Override
    public long save(String actor, byte[] state, long expectedRevision) {
        StateSnapshot next = new StateSnapshot(expectedRevision + 1, state.clone(), clock.instant());
        StateSnapshot[] found = new StateSnapshot[1];
        StateSnapshot result = snapshots.compute(actor, (name, current) -> {
            long revision = current == null ? 0 : current.revision();
            if (revision != expectedRevision) {
                found[0] = current;
                return current;
            }
            return next;
        });
        if (result != next) {
            throw new StateConflictException(actor, expectedRevision, found[0] == null ? 0 : found[0].revision());
        }
        return next.revision();
    }

    @Override
    public void delete(String actor) {
        snapshots.remove(actor);
    }
}
