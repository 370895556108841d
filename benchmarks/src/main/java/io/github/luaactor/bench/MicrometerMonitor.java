package io.github.luaactor.bench;

import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorRef;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * A minimal Micrometer monitor, as a metrics module would write it: per actor a timer of handler run time (tagged
 * with the outcome) and a timer of time spent waiting in the mailbox, resolved once when the actor starts.
 */
final class MicrometerMonitor implements LuaActorMonitor {
    private final MeterRegistry registry;

    MicrometerMonitor(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Probe actorStarted(LuaActorRef actor) {
        Timer success = Timer.builder("lua.actor.handle").tag("actor", actor.name()).tag("outcome", "success")
                .register(registry);
        Timer failure = Timer.builder("lua.actor.handle").tag("actor", actor.name()).tag("outcome", "failure")
                .register(registry);
        Timer waiting = Timer.builder("lua.actor.mailbox.wait").tag("actor", actor.name()).register(registry);
        return (waitNanos, runNanos, ok) -> {
            (ok ? success : failure).record(runNanos, TimeUnit.NANOSECONDS);
            waiting.record(waitNanos, TimeUnit.NANOSECONDS);
        };
    }

    @Override
    public void actorStopped(LuaActorRef actor) {
        registry.getMeters().stream()
                .filter(m -> actor.name().equals(m.getId().getTag("actor")))
                .forEach(registry::remove);
    }
}
