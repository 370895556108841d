package io.github.luaactor.core.internal;

import java.util.List;

import io.github.luaactor.core.LuaVmCustomizer;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.slf4j.LoggerFactory;

/**
 * One actor's Lua VM: sandboxed globals, the {@code ctx} table, and a closure per hook over the shared compiled
 * prototypes. Touched only by the thread holding the actor's baton.
 */
final class ActorVm {
    final String cellName;
    final Globals globals;
    final BudgetHook hook;
    final CtxTable ctx;
    final LuaThread mainThread;
    /** Compiled to bytecode when the handler allows it ({@link StraightLineCompiler}), else interpreted. */
    LuaFunction handle;
    LuaClosure started;
    LuaClosure stopped;
    LuaClosure reload;

    private final boolean compileHandlers;

    ActorVm(ActorCell cell, ActorScripts scripts) {
        compileHandlers = cell.compileHandlers();
        cellName = cell.name();
        hook = new BudgetHook();
        globals = Sandbox.newGlobals(cell.name(), hook);
        mainThread = globals.running;
        ctx = CtxLibrary.create(cell);
        globals.rawset("ctx", ctx);
        globals.rawset("require", cell.modules().requireFunction(cell, this));
        customize(cell.customizers());
        install(scripts);
    }

    /** Applies customizers; one that fails is logged and skipped so that the actor still starts. */
    void customize(List<LuaVmCustomizer> customizers) {
        if (customizers.isEmpty()) {
            return;
        }
        CustomizedGlobals view = new CustomizedGlobals(cellName, globals);
        for (LuaVmCustomizer customizer : customizers) {
            try {
                customizer.customize(view);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(ActorVm.class).error("Lua actor '{}': VM customizer {} failed", cellName,
                        customizer, e);
            }
        }
    }

    void install(ActorScripts scripts) {
        handle = handler(scripts.handle());
        started = closure(scripts.started());
        stopped = closure(scripts.stopped());
        reload = closure(scripts.reload());
    }

    /** The function that runs {@code p} as this VM's handler. */
    LuaFunction handler(Prototype p) {
        if (p == null) {
            return null;
        }
        CompiledHandler compiled = compileHandlers ? StraightLineCompiler.instantiate(p, globals, hook) : null;
        return compiled != null ? compiled : new LuaClosure(p, globals);
    }

    private LuaClosure closure(Prototype p) {
        return p == null ? null : new LuaClosure(p, globals);
    }

    /** Sets {@code ctx.msg} to nil: an idle actor keeps no reference to its last message. */
    void clearMessage() {
        ctx.message(LuaValue.NIL);
    }

    /** Runs a hook with {@code ctx.msg} set; returns the hook's first return value. */
    LuaValue run(LuaFunction fn, LuaValue message) {
        ctx.message(message);
        return fn.call();
    }
}
