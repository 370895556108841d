package io.github.luaactor.core.internal.compile;

import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.luaactor.core.internal.sandbox.BudgetHook;
import io.github.luaactor.core.internal.interp.LuaOperators;
import org.luaj.vm2.Globals;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.luajc.JavaGen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a handler, with its nested functions, to JVM bytecode with LuaJ's {@code luajc}, and rewrites the
 * generated classes ({@link BudgetWeaver}) so that compiled code keeps the budgets the interpreter's hook enforces:
 * charges at function entries and loop back-edges, the string limit on {@code ..}, and error positions. The
 * handler's length is charged up front as before; modules are compiled the same way ({@link #instantiateModule}),
 * and so is a chunk {@code load} made once it is loaded again ({@link #instantiateChunk}, {@link LoadedChunks}). A
 * chunk luajc cannot compile, or whose classes do not verify, stays interpreted (logged once: the outcome is cached
 * with the code).
 * <p>
 * The name is historical: it once compiled only straight-line handlers ({@link #isStraightLine}).
 * <p>
 * One class per compiled code array, shared by every actor (and every chunk name) running that code; each VM gets
 * an instance bound to its own globals. Classes go with their code when no actor uses it any more.
 */
public final class StraightLineCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(StraightLineCompiler.class);
    private static final AtomicLong CLASS_NUMBERS = new AtomicLong();
    /** Keyed by the code array, which renamed copies of a prototype share; weak so that classes can be unloaded. */
    private static final Map<int[], Compiled> BY_CODE = new WeakHashMap<>();
    /**
     * A module's chunk: the module functions the handler calls later run while the handler's code is the running
     * one, so their frames take their chunk name from their class; a class per code and chunk name keeps it exact
     * when two modules have the same text.
     */
    private static final Map<int[], Map<String, Compiled>> MODULES_BY_CODE = new WeakHashMap<>();

    /** Marks code that luajc could not compile, so that it is not tried again. */
    private static final Compiled NOT_COMPILABLE = new Compiled(null, null);

    private StraightLineCompiler() {
    }

    /** The compiled handler for {@code p} bound to {@code globals}, or null when {@code p} must be interpreted. */
    public static LuaFunction instantiate(Prototype p, Globals globals, BudgetHook hook) {
        return bind(byCode(p), p, globals, hook);
    }

    /** The classes for {@code p}'s code, compiled on first use. */
    private static Compiled byCode(Prototype p) {
        synchronized (BY_CODE) {
            Compiled compiled = BY_CODE.get(p.code);
            if (compiled == null) {
                compiled = compile(p);
                BY_CODE.put(p.code, compiled);
            }
            return compiled;
        }
    }

    /**
     * The compiled main chunk of a chunk {@code load} made ({@link LoadedChunks}), with {@code env} as its
     * {@code _ENV}, or null when it must be interpreted.
     */
    public static LuaFunction instantiateChunk(Prototype p, LuaValue env, BudgetHook hook) {
        return bind(byCode(p), p, env, hook);
    }

    /** The compiled main chunk of a module, or null when it must be interpreted. */
    public static LuaFunction instantiateModule(Prototype p, Globals globals, BudgetHook hook) {
        Compiled compiled;
        synchronized (MODULES_BY_CODE) {
            Map<String, Compiled> byChunk = MODULES_BY_CODE.computeIfAbsent(p.code, code -> new java.util.HashMap<>());
            compiled = byChunk.computeIfAbsent(p.source.tojstring(), chunk -> compile(p));
        }
        return bind(compiled, p, globals, hook);
    }

    /** An instance whose {@code _ENV} is {@code env}, or null when {@code p} stays interpreted. */
    private static LuaFunction bind(Compiled compiled, Prototype p, LuaValue env, BudgetHook hook) {
        if (compiled == NOT_COMPILABLE) {
            return null;
        }
        return new CompiledHandler(compiled.newInstance(env), compiled.className(), p, hook);
    }

    private static Compiled compile(Prototype p) {
        if (LossyConstants.find(p) != null) {
            LOG.debug("Lua chunk '{}' stays interpreted: luajc would change the bytes of one of its strings", p.source);
            return NOT_COMPILABLE;
        }
        int capturedAt;
        try {
            capturedAt = CapturedLoopLocals.find(p);
        } catch (RuntimeException e) {
            LOG.warn("Lua chunk '{}' stays interpreted: its code could not be checked for luajc", p.source, e);
            return NOT_COMPILABLE;
        }
        if (capturedAt >= 0) {
            LOG.info("Lua chunk '{}' stays interpreted: luajc could lose an assignment to a local that the closure "
                    + "at line {} captures in a loop", p.source, capturedAt);
            return NOT_COMPILABLE;
        }
        String className = "lua_actor_handler_" + CLASS_NUMBERS.incrementAndGet();
        try {
            JavaGen generated = new JavaGen(p, className, p.source.tojstring(), false);
            HandlerClassLoader loader = new HandlerClassLoader(p.source.tojstring());
            loader.add(generated, p, false);
            exportBudgetTo(loader);
            Class<?> type = loader.loadAll(className);
            Compiled compiled = new Compiled(type.asSubclass(LuaFunction.class).getDeclaredConstructor(), className);
            compiled.newInstance(new LuaTable());
            LOG.debug("Lua chunk '{}' runs as JVM bytecode ({})", p.source, className);
            return compiled;
        } catch (LinkageError | ReflectiveOperationException e) {
            // A class that does not verify or link: a luajc bug for this chunk, or BCEL missing.
            // Not the script's fault: the class path lacks luajc's BCEL, or the generated code does not verify.
            LOG.warn("Lua chunk '{}' stays interpreted: compiling it to bytecode failed", p.source, e);
            return NOT_COMPILABLE;
        } catch (RuntimeException e) {
            LOG.info("Lua chunk '{}' stays interpreted: luajc cannot compile it ({})", p.source, e.toString());
            return NOT_COMPILABLE;
        }
    }

    /**
     * Generated code calls {@link CompiledBudget} and {@link LuaOperators}, in packages this module does not export:
     * on the module path they are opened to the generated classes' loader alone (on the class path every package is
     * readable anyway).
     */
    private static void exportBudgetTo(ClassLoader loader) {
        Module runtime = CompiledBudget.class.getModule();
        if (runtime.isNamed()) {
            runtime.addExports(CompiledBudget.class.getPackageName(), loader.getUnnamedModule());
            runtime.addExports(LuaOperators.class.getPackageName(), loader.getUnnamedModule());
        }
    }

    /**
     * Defines generated classes where they see LuaJ: the loader of the runtime, not the system class loader that
     * luajc's own loader uses (in a Spring Boot jar that one cannot see LuaJ). Holds the handler's class and one per
     * nested function, each rewritten by {@link BudgetWeaver}, and defines each when the JVM first asks for it.
     */
    static final class HandlerClassLoader extends ClassLoader
            implements io.github.luaactor.core.internal.sandbox.CompiledPrototypes {
        private final Map<String, byte[]> classes = new java.util.HashMap<>();
        /** Where each generated function starts in its chunk, for tracebacks ({@code in function <chunk:N>}). */
        private final Map<String, Integer> linesDefined = new java.util.HashMap<>();
        /** The function each generated class runs, for the names in its error messages. */
        private final Map<String, Prototype> prototypes = new java.util.HashMap<>();

        /** The chunk every class of this loader was compiled from (a handler's or a module's). */
        private final String chunkName;

        HandlerClassLoader(String chunkName) {
            super(StraightLineCompiler.class.getClassLoader());
            this.chunkName = chunkName;
        }

        String chunkName() {
            return chunkName;
        }

        /** luajc's nested generators follow the prototype's nested functions, in order. */
        void add(JavaGen generated, Prototype p, boolean chargeEntry) {
            classes.put(generated.classname, BudgetWeaver.weave(generated.bytecode, generated.classname, p,
                    chargeEntry));
            linesDefined.put(generated.classname, p.linedefined);
            prototypes.put(generated.classname, withOwnCode(p));
            if (generated.inners != null) {
                for (int i = 0; i < generated.inners.length; i++) {
                    add(generated.inners[i], p.p[i], true);
                }
            }
        }

        /**
         * Loads, links and verifies every class now, so that a class luajc got wrong sends the chunk to the
         * interpreter here rather than failing when a nested function is first created.
         */
        Class<?> loadAll(String handlerClass) throws ClassNotFoundException {
            java.util.List<String> names;
            synchronized (classes) {
                names = java.util.List.copyOf(classes.keySet());
            }
            for (String name : names) {
                Class.forName(name, true, this);
            }
            return loadClass(handlerClass);
        }

        /** Written before any class is defined, read only after: needs no lock. */
        int lineDefined(String className) {
            return linesDefined.getOrDefault(className, 0);
        }

        /** The function generated class {@code className} runs, or null; written before any class is defined. */
        @Override
        public Prototype prototype(String className) {
            return prototypes.get(className);
        }

        /**
         * {@code p} with a copy of its code: the code array is the weak key that the classes are cached under, and
         * the loader, reachable from the cached value, must not hold it (the classes could never be unloaded).
         */
        private static Prototype withOwnCode(Prototype p) {
            Prototype copy = new Prototype();
            copy.code = p.code.clone();
            copy.k = p.k;
            copy.p = p.p;
            copy.lineinfo = p.lineinfo;
            copy.locvars = p.locvars;
            copy.upvalues = p.upvalues;
            copy.source = p.source;
            copy.linedefined = p.linedefined;
            copy.lastlinedefined = p.lastlinedefined;
            copy.numparams = p.numparams;
            copy.is_vararg = p.is_vararg;
            copy.maxstacksize = p.maxstacksize;
            return copy;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes;
            synchronized (classes) {
                bytes = classes.remove(name);
            }
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
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

    private record Compiled(Constructor<? extends LuaFunction> constructor, String className) {
        LuaFunction newInstance(LuaValue globals) {
            try {
                LuaFunction function = constructor.newInstance();
                function.initupvalue1(globals);
                return function;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate compiled Lua handler " + className, e);
            }
        }
    }
}
