package io.github.luaactor.core.internal.actor;

import java.util.ArrayList;
import java.util.List;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.internal.sandbox.CoroutineQuota;
import io.github.luaactor.core.LuaVmCustomizer;
import io.github.luaactor.core.internal.vm.ActorVm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An actor's VM from creation to replacement: made by the first drainer (so {@code on_started} runs on an actor
 * thread), made afresh on a restart, and given a new handler on a hot reload. Baton holder only.
 */
final class VmLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(VmLifecycle.class);

    private VmLifecycle() {
    }

    static void createVm(ActorCell cell) {
        ActorVm vm = new ActorVm(cell.name, cell.system.compileHandlers(), cell, cell.system.modules(), cell,
                customizers(cell), cell.scripts);
        vm.hook.coroutineQuota(new CoroutineQuota(cell.name, cell.settings.quotas().maxCoroutines(),
                cell.system.liveCoroutines(), cell.system.limits().maxCoroutines(),
                cell.system.limits().maxCoroutinesPerJvm(), quota -> RefusalCounts.quotaRefused(cell, quota),
                cell.settings.quotas().maxCallDepth()));
        cell.vm = vm;
        if (cell.state == ActorState.STARTING || cell.state == ActorState.RESTARTING) {
            cell.state = ActorState.RUNNING;
        }
        if (cell.durable != null && DurableStates.restore(cell) != null) {
            // on_started runs once the state is loaded (DurableStates.loadLate): it must see the stored state.
            return;
        }
        if (vm.started != null) {
            TurnRunner.runHook(cell, vm.started, "on_started");
        }
    }

    /** Replaces the VM with a fresh one (the restart's back-off has passed). */
    static void restartVm(ActorCell cell) {
        // The baton holder is the only writer.
        cell.restarts = cell.restarts + 1;
        cell.vm = null;
        if (cell.state == ActorState.RESTARTING) {
            LOG.info("Lua actor '{}': restarting with a fresh VM", cell.name);
        }
        createVm(cell);
    }

    /** Swaps in the reloaded handler; {@code ctx.state} and the rest of the VM stay, {@code on_reload} runs. */
    static void applyReload(ActorCell cell, ReloadEnvelope reload) {
        cell.scripts = cell.scripts.withHandle(reload.handle, null);
        cell.scriptLocation = reload.location;
        ActorVm vm = cell.vm;
        if (vm != null) {
            vm.customize(customizers(cell));
            vm.handle = vm.handler(reload.handle);
            if (vm.reload != null) {
                TurnRunner.runHook(cell, vm.reload, "on_reload");
            }
        }
        reload.done.complete(null);
    }

    /** The system's customizers followed by the actor's own. */
    private static List<LuaVmCustomizer> customizers(ActorCell cell) {
        List<LuaVmCustomizer> all = new ArrayList<>(cell.system.customizers());
        all.addAll(cell.spec.customizers());
        return all;
    }
}
