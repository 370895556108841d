package io.github.luaactor.core.internal;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * One actor's Lua VM: sandboxed globals, the {@code ctx} table, and a closure per hook over the shared compiled
 * prototypes. Touched only by the thread holding the actor's baton.
 */
final class ActorVm {
    static final LuaString MSG = LuaString.valueOf("msg");
    static final LuaString STATE = LuaString.valueOf("state");

    final Globals globals;
    final BudgetHook hook;
    final LuaTable ctx;
    final LuaThread mainThread;
    LuaClosure handle;
    LuaClosure started;
    LuaClosure stopped;
    LuaClosure reload;

    ActorVm(ActorCell cell, ActorScripts scripts) {
        hook = new BudgetHook();
        globals = Sandbox.newGlobals(cell.name(), hook);
        mainThread = globals.running;
        ctx = CtxLibrary.create(cell);
        globals.rawset("ctx", ctx);
        install(scripts);
    }

    void install(ActorScripts scripts) {
        handle = closure(scripts.handle());
        started = closure(scripts.started());
        stopped = closure(scripts.stopped());
        reload = closure(scripts.reload());
    }

    private LuaClosure closure(Prototype p) {
        return p == null ? null : new LuaClosure(p, globals);
    }

    /** Runs a hook with {@code ctx.msg} set; returns the hook's first return value. */
    LuaValue run(LuaClosure fn, LuaValue message) {
        ctx.rawset(MSG, message);
        return fn.call();
    }
}
