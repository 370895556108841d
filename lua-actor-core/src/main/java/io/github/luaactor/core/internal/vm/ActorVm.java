package io.github.luaactor.core.internal.vm;

import java.util.List;

import io.github.luaactor.core.LuaVmCustomizer;
import io.github.luaactor.core.internal.interp.InterpretedClosure;
import io.github.luaactor.core.internal.sandbox.BudgetHook;
import io.github.luaactor.core.internal.sandbox.CustomizedGlobals;
import io.github.luaactor.core.internal.sandbox.Sandbox;
import io.github.luaactor.core.internal.compile.StraightLineCompiler;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.slf4j.LoggerFactory;

/**
 * One actor's Lua VM: sandboxed globals, the {@code ctx} table, and a closure per hook over the shared compiled
 * prototypes. Touched only by the thread holding the actor's baton.
 */
public final class ActorVm {
    private static final LuaString CTX = LuaString.valueOf("ctx");
    private static final LuaString REQUIRE = LuaString.valueOf("require");
    final String cellName;
    public final Globals globals;
    public final BudgetHook hook;
    final CtxTable ctx;
    public final LuaThread mainThread;
    /** Compiled to bytecode when the handler allows it ({@link StraightLineCompiler}), else interpreted. */
    public LuaFunction handle;
    public LuaFunction started;
    public LuaFunction stopped;
    public LuaFunction reload;

    private final boolean compileHandlers;

    /**
     * @param operations what the {@code ctx} functions do (the actor)
     * @param user       the actor as its modules' user, told to forget a module on a reload
     */
    public ActorVm(String name, boolean compileHandlers, CtxOperations operations, Modules modules, ModuleUser user,
            List<LuaVmCustomizer> customizers, ActorScripts scripts) {
        this.compileHandlers = compileHandlers;
        cellName = name;
        hook = new BudgetHook();
        globals = Sandbox.newGlobals(name, hook, compileHandlers);
        mainThread = globals.running;
        ctx = CtxLibrary.create(name, operations);
        globals.rawset(CTX, ctx);
        globals.rawset(REQUIRE, modules.requireFunction(user, this));
        customize(customizers);
        install(scripts);
    }

    /** Applies customizers; one that fails is logged and skipped so that the actor still starts. */
    public void customize(List<LuaVmCustomizer> customizers) {
        if (customizers.isEmpty()) {
            return;
        }
        CustomizedGlobals view = new CustomizedGlobals(cellName, globals);
        for (LuaVmCustomizer customizer : customizers) {
            try {
                customizer.customize(view);
            } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
                // Any failure a customizer can cause short of the JVM running out of memory: the actor still starts.
                LoggerFactory.getLogger(ActorVm.class).error("Lua actor '{}': VM customizer {} failed", cellName,
                        customizer, e);
            }
        }
    }

    private void install(ActorScripts scripts) {
        handle = handler(scripts.handle());
        started = handler(scripts.started());
        stopped = handler(scripts.stopped());
        reload = handler(scripts.reload());
    }

    /** The function that runs {@code p}, a module's main chunk, in this VM: compiled when handlers are. */
    public LuaFunction module(Prototype p) {
        LuaFunction compiled = compileHandlers ? StraightLineCompiler.instantiateModule(p, globals, hook) : null;
        return compiled != null ? compiled : new InterpretedClosure(p, globals, globals);
    }

    /** The function that runs {@code p} as this VM's handler. */
    public LuaFunction handler(Prototype p) {
        if (p == null) {
            return null;
        }
        LuaFunction compiled = compileHandlers ? StraightLineCompiler.instantiate(p, globals, hook) : null;
        return compiled != null ? compiled : new InterpretedClosure(p, globals, globals);
    }

    /** Sets {@code ctx.msg} (the actor does, before each turn and when a suspended handler resumes). */
    public void message(LuaValue message) {
        ctx.message(message);
    }

    /** The value of {@code ctx.state}, whatever the script assigned to it. */
    public LuaValue state() {
        return ctx.rawget(CtxTable.STATE);
    }

    /** Replaces {@code ctx.state} (a durable actor's loaded or rolled-back state). */
    public void state(LuaValue value) {
        ctx.rawset(CtxTable.STATE, value);
    }

    /** Sets {@code ctx.msg} to nil: an idle actor keeps no reference to its last message. */
    public void clearMessage() {
        ctx.message(LuaValue.NIL);
    }

    /** Runs a hook with {@code ctx.msg} set; returns the hook's first return value. */
    public LuaValue run(LuaFunction fn, LuaValue message) {
        ctx.message(message);
        return fn.call();
    }
}
