package io.github.luaactor.bench;

import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorRef;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * A minimal Micrometer monitor, as a metrics module would write it: one timer per actor (handler run time,
 * {@code lua.actor.handle}, tagged with the actor's name), resolved once when the actor starts, so the hot path is
 * a single {@code Timer.record}. (A second timer for the time spent in the mailbox would cost about as much again.)
 */
final class MicrometerMonitor implements LuaActorMonitor {
    private final MeterRegistry registry;

    MicrometerMonitor(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Probe actorStarted(LuaActorRef actor) {
        Timer handle = Timer.builder("lua.actor.handle").tag("actor", actor.name()).register(registry);
        return (waitNanos, runNanos, ok) -> handle.record(runNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void actorStopped(LuaActorRef actor) {
        registry.getMeters().stream()
                .filter(m -> actor.name().equals(m.getId().getTag("actor")))
                .forEach(registry::remove);
    }
}
