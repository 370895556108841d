package io.github.luaactor.spring.boot.autoconfigure;

import java.util.List;

import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorRef;

/** Several {@link LuaActorMonitor}s as one, called in order. */
public final class CompositeLuaActorMonitor implements LuaActorMonitor {

    private final List<LuaActorMonitor> monitors;

    private CompositeLuaActorMonitor(List<LuaActorMonitor> monitors) {
        this.monitors = List.copyOf(monitors);
    }

    /** {@link LuaActorMonitor#NONE} for none, the monitor itself for one, a composite otherwise. */
    public static LuaActorMonitor of(List<? extends LuaActorMonitor> monitors) {
        return switch (monitors.size()) {
            case 0 -> LuaActorMonitor.NONE;
            case 1 -> monitors.get(0);
            default -> new CompositeLuaActorMonitor(List.copyOf(monitors));
        };
    }

    @Override
    public Probe actorStarted(LuaActorRef actor) {
        Probe[] probes = this.monitors.stream()
            .map((monitor) -> monitor.actorStarted(actor))
            .filter((probe) -> probe != Probe.NONE)
            .toArray(Probe[]::new);
        return switch (probes.length) {
            case 0 -> Probe.NONE;
            case 1 -> probes[0];
            default -> (waitNanos, runNanos, success) -> {
                for (Probe probe : probes) {
                    probe.handled(waitNanos, runNanos, success);
                }
            };
        };
    }

    @Override
    public void actorStopped(LuaActorRef actor) {
        for (LuaActorMonitor monitor : this.monitors) {
            monitor.actorStopped(actor);
        }
    }

    @Override
    public void actorStopped(LuaActorRef actor, StopReason reason) {
        for (LuaActorMonitor monitor : this.monitors) {
            monitor.actorStopped(actor, reason);
        }
    }

    /** The monitors, in call order. */
    public List<LuaActorMonitor> monitors() {
        return this.monitors;
    }

}
