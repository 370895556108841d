package io.github.luaactor.core.internal;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.luaj.vm2.Globals;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.luajc.JavaGen;
import org.luaj.vm2.luajc.JavaLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a handler whose every run is bounded by its length (no loop, no backward jump, no nested function, no
 * {@code ..}, at most one tail call) to JVM bytecode with LuaJ's {@code luajc}. Such a handler needs none of the
 * budget hook's per-instruction work: it runs at most {@code code.length} instructions, which are charged up front,
 * and every Lua function it calls is interpreted with the hook as usual. Anything else stays interpreted.
 * <p>
 * One class per compiled code array, shared by every actor (and every chunk name) running that code; each VM gets
 * an instance bound to its own globals. Classes go with their code when no actor uses it any more.
 */
final class StraightLineCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(StraightLineCompiler.class);
    private static final AtomicLong CLASS_NUMBERS = new AtomicLong();
    /** Keyed by the code array, which renamed copies of a prototype share; weak so that classes can be unloaded. */
    private static final Map<int[], Compiled> BY_CODE = new WeakHashMap<>();
    /** Marks code that luajc could not compile, so that it is not tried again. */
    private static final Compiled NOT_COMPILABLE = new Compiled(null, null, 0);

    private StraightLineCompiler() {
    }

    /** The compiled handler for {@code p} bound to {@code globals}, or null when {@code p} must be interpreted. */
    static CompiledHandler instantiate(Prototype p, Globals globals, BudgetHook hook) {
        if (!isStraightLine(p)) {
            return null;
        }
        Compiled compiled;
        synchronized (BY_CODE) {
            compiled = BY_CODE.get(p.code);
            if (compiled == null) {
                compiled = compile(p);
                BY_CODE.put(p.code, compiled);
            }
        }
        if (compiled == NOT_COMPILABLE) {
            return null;
        }
        LuaFunction body = compiled.loader.load(compiled.className, globals);
        return new CompiledHandler(body, compiled.className, p, hook);
    }

    private static Compiled compile(Prototype p) {
        String className = "lua_actor_handler_" + CLASS_NUMBERS.incrementAndGet();
        try {
            JavaLoader loader = new JavaLoader();
            loader.include(new JavaGen(p, className, p.source.tojstring(), false));
            loader.load(className, new org.luaj.vm2.LuaTable());
            return new Compiled(loader, className, p.code.length);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Lua chunk '{}' stays interpreted: luajc could not compile it", p.source, e);
            return NOT_COMPILABLE;
        }
    }

    /**
     * Whether every run of {@code p} executes each instruction at most once: control only jumps forward, nothing is
     * created that could run later (a closure), and no instruction needs the hook's inspection ({@code ..} is
     * checked against the string limit there). A second tail call would leave an error raised in it without a
     * line: the handler's frame is gone by then, and only a single tail call tells which line it was.
     */
    static boolean isStraightLine(Prototype p) {
        if (p.p.length > 0) {
            return false;
        }
        int tailCalls = 0;
        for (int instruction : p.code) {
            switch (Lua.GET_OPCODE(instruction)) {
                case Lua.OP_FORLOOP, Lua.OP_FORPREP, Lua.OP_TFORCALL, Lua.OP_TFORLOOP, Lua.OP_CLOSURE, Lua.OP_CONCAT -> {
                    return false;
                }
                case Lua.OP_JMP -> {
                    if (Lua.GETARG_sBx(instruction) < 0) {
                        return false;
                    }
                }
                case Lua.OP_TAILCALL -> {
                    if (++tailCalls > 1) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        return true;
    }

    private record Compiled(JavaLoader loader, String className, int instructions) {
    }
}
