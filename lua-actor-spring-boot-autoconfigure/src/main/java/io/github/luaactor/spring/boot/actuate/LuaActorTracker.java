package io.github.luaactor.spring.boot.actuate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import org.jspecify.annotations.Nullable;

/**
 * Remembers actors that stopped because of failures. A {@link LuaActorSystem} forgets an actor once it has stopped,
 * but an operator still needs to see one that {@link ActorState#FAILED failed} for good, with its last error, until
 * an actor of the same name starts again. Register it as a {@link LuaActorMonitor} of the system (the
 * auto-configuration composes every monitor bean into the system it creates).
 */
public class LuaActorTracker implements LuaActorMonitor {
    private final Map<String, LuaActorRef> failed = new ConcurrentHashMap<>();

    @Override
    public Probe actorStarted(LuaActorRef actor) {
        failed.remove(actor.name());
        return Probe.NONE;
    }

    @Override
    public void actorStopped(LuaActorRef actor) {
        if (actor.state() == ActorState.FAILED) {
            failed.put(actor.name(), actor);
        }
    }

    /** Actors that failed for good and were not replaced by a new actor of the same name. */
    public Collection<LuaActorRef> failedActors() {
        return List.copyOf(failed.values());
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
}
