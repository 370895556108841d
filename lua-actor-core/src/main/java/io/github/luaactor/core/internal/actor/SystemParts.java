package io.github.luaactor.core.internal.actor;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaVmCustomizer;
import io.github.luaactor.core.internal.compile.ScriptCompiler;
import io.github.luaactor.core.internal.dispatch.Dispatcher;
import io.github.luaactor.core.internal.vm.Modules;

/**
 * What an actor uses of its system, handed to each cell so that the cell does not depend on {@link ActorRuntime}
 * (which creates cells). Cold paths only: the drain hand-off reads the {@link Dispatcher} from the cell's own field.
 *
 * @param newActors starts an actor for {@code ctx.new_actor}
 * @param extensions what a cluster module plugs in (remote actors); {@link Extensions#NONE} alone

 * @param limits    the system-wide quotas
 * @param liveCoroutines coroutine threads alive in the system, counted against {@link SystemLimits#maxCoroutines()}
 * @param liveActors Lua actors started and not yet terminated, counted against {@link SystemLimits#maxActors()}
 */
record SystemParts(Dispatcher dispatcher, Directory directory, DeadLetters deadLetters, ScriptCompiler compiler,
        Modules modules, LuaActorMonitor monitor, List<LuaVmCustomizer> customizers, boolean compileHandlers,
        NewActors newActors, SystemLimits limits, AtomicInteger liveCoroutines, AtomicInteger liveActors,
        Extensions extensions) {

    /** Starts an actor from a script name for {@code ctx.new_actor}; throws a Lua error for the script to see. */
    @FunctionalInterface
    interface NewActors {
        LuaActorRef start(String script, String actorName);
    }
}
