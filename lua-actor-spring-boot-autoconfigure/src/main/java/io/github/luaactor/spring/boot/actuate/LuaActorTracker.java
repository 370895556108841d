package io.github.luaactor.spring.boot.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import org.jspecify.annotations.Nullable;

/**
 * Remembers actors that stopped for good, and why. A {@link LuaActorSystem} forgets an actor once it has stopped,
 * but an operator still needs to see one that {@link ActorState#FAILED failed}, with its last error, or one that
 * simply vanished (a sender's messages to it now fail), until an actor of the same name starts again. At most
 * {@code limit} are remembered, the oldest forgotten first, so that an application spawning and stopping many
 * actors does not grow this record without bound; actors stopped on purpose are forgotten before dead ones.
 * Register it as a {@link LuaActorMonitor} of the system (the
 * auto-configuration composes every monitor bean into the system it creates).
 */
public class LuaActorTracker implements LuaActorMonitor {
    /** How many stopped actors a tracker made with the no-argument constructor remembers. */
    public static final int DEFAULT_LIMIT = 100;

    private final int limit;
    private final Clock clock;
    /** By name, oldest first; guarded by itself (stops are rare, reads come from HTTP requests). */
    private final Map<String, StoppedActor> stopped = new LinkedHashMap<>();

    public LuaActorTracker() {
        this(DEFAULT_LIMIT);
    }

    /** @param limit how many stopped actors to remember; 0 remembers none */
    public LuaActorTracker(int limit) {
        this(limit, Clock.systemUTC());
    }

    LuaActorTracker(int limit, Clock clock) {
        if (limit < 0) {
            throw new IllegalArgumentException(
                    "lua-actor.health.retained-stopped-actors must be 0 or more, not " + limit);
        }
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    public Probe actorStarted(LuaActorRef actor) {
        synchronized (stopped) {
            stopped.remove(actor.name());
        }
        return Probe.NONE;
    }

    /**
     * Without a reason from the runtime, the final state tells a failure from a stop; a stop then cannot be told
     * from {@code ctx.terminate()}.
     */
    @Override
    public void actorStopped(LuaActorRef actor) {
        actorStopped(actor, actor.state() == ActorState.FAILED ? StopReason.FAILED : StopReason.STOPPED);
    }

    @Override
    public void actorStopped(LuaActorRef actor, StopReason reason) {
        if (limit == 0) {
            return;
        }
        StoppedActor record = new StoppedActor(actor, reason, clock.instant());
        synchronized (stopped) {
            // re-inserted, so that a name stopped again counts as the newest
            stopped.remove(actor.name());
            stopped.put(actor.name(), record);
            while (stopped.size() > limit) {
                evictOne();
            }
        }
    }

    /**
     * The oldest actor stopped on purpose goes first, so that a burst of ordinary stops cannot push a dead actor
     * out of the record (and health back to UP); only a record full of dead actors forgets the oldest of them.
     */
    private void evictOne() {
        var entries = stopped.values().iterator();
        while (entries.hasNext()) {
            if (!entries.next().reason().isFailure()) {
                entries.remove();
                return;
            }
        }
        stopped.remove(stopped.keySet().iterator().next());
    }

    /** Actors that stopped for good and were not replaced by a new actor of the same name, oldest first. */
    public List<StoppedActor> stoppedActors() {
        synchronized (stopped) {
            return List.copyOf(stopped.values());
        }
    }

    /** Actors that failed for good ({@link ActorState#FAILED}) and were not replaced by a new actor of the same name. */
    public Collection<LuaActorRef> failedActors() {
        return stoppedActors().stream()
                .map(StoppedActor::actor)
                .filter(actor -> actor.state() == ActorState.FAILED)
                .toList();
    }

    /** How many stopped actors this tracker remembers at most. */
    public int limit() {
        return limit;
    }

    /**
     * The actors of a system and the failed ones this tracker remembers, by name. A live actor wins over a failed
     * one of the same name.
     */
    public static List<LuaActorRef> actors(LuaActorSystem system, @Nullable LuaActorTracker tracker) {
        Map<String, LuaActorRef> byName = new LinkedHashMap<>();
        if (tracker != null) {
            tracker.failedActors().forEach(actor -> byName.put(actor.name(), actor));
        }
        system.actors().forEach(actor -> byName.put(actor.name(), actor));
        List<LuaActorRef> sorted = new ArrayList<>(byName.values());
        sorted.sort(Comparator.comparing(LuaActorRef::name));
        return sorted;
    }

    /**
     * An actor that stopped for good.
     *
     * @param actor     the stopped actor (its statistics, last error included, stay readable)
     * @param reason    why it stopped
     * @param stoppedAt when this tracker heard of it
     */
    public record StoppedActor(LuaActorRef actor, StopReason reason, Instant stoppedAt) {

        public String name() {
            return actor.name();
        }
    }
}
