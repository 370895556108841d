package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.stdlib.Conversions;
import io.github.luaactor.core.internal.stdlib.LoadFunction;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the globals of one actor VM: the safe part of the base library, read-only shared {@code string},
 * {@code table}, {@code math}, {@code bit32} and a reduced {@code os}, a text-only {@code load}, {@code print} going to
 * SLF4J, and a per-VM {@code coroutine} library created on first use. Names the sandbox removes raise
 * {@code 'io' is not available in the Lua actor sandbox}.
 */
public final class Sandbox {
    public static final Logger LUA_LOG = LoggerFactory.getLogger("io.github.luaactor.lua");
    static final LuaString COROUTINE = LuaString.valueOf("coroutine");
    /** Allocation charged per byte of a text {@code load} made a function of (its code and constants). */
    static final long LOADED_BYTES_PER_BYTE = 2;
    /*
     * The keys every VM sets, made once: made per VM, each was a Lua string of its own whenever LuaJ's small cache
     * of short strings had let it go.
     */
    private static final LuaString G = LuaString.valueOf("_G");

    /** Read-only globals every VM sees: libraries and the base functions that hold no per-VM state. */
    private static final LuaTable SHARED_GLOBALS;

    static {
        SharedLibraries.ensureInstalled();
        ReadOnlyTable shared = new ReadOnlyTable("shared globals");
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = SharedLibraries.STATELESS_BASE.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            shared.rawset(k, n.arg(2));
        }
        // the language the scripts are written in, as Lua 5.2 names itself (LuaJ says "Luaj-jse 3.0.1")
        shared.rawset("_VERSION", LuaValue.valueOf("Lua 5.2"));
        shared.rawset("string", SharedLibraries.STRING);
        shared.rawset("table", SharedLibraries.TABLE);
        shared.rawset("math", SharedLibraries.MATH);
        shared.rawset("bit32", SharedLibraries.BIT32);
        shared.rawset("os", SharedLibraries.OS);
        // table.unpack under its 5.1 name, as 5.2's standard build (LUA_COMPAT_UNPACK) keeps it: vendored code calls it
        shared.rawset("unpack", SharedLibraries.TABLE.rawget("unpack"));
        SHARED_GLOBALS = shared.seal();
    }

    private Sandbox() {
    }

    /**
     * A VM's globals. {@code compileLoadedChunks}: chunks {@code load} makes run compiled from their second load,
     * as handlers do ({@link LoadFunction#compileRepeatedChunks}).
     */
    public static Globals newGlobals(String actor, BudgetHook hook, boolean compileLoadedChunks) {
        ActorGlobals g = new ActorGlobals(actor, compileLoadedChunks);
        LuaC.install(g);
        // Java code loading a chunk into the VM (a customizer's globals.load) gets the runtime's interpreter too,
        // reporting to this VM's hook whatever environment it was given: a chunk loaded with its own table as _ENV
        // must not run outside the budget.
        g.loader = g;
        // Only what is bound to this VM lives in its own table; the shared libraries and stateless base
        // functions are found by ActorGlobals when its own slot is empty, which keeps an idle VM small and leaves
        // the globals' metatable to the script (setmetatable(_G, ...) as in the strict-module idiom).
        g.rawset(G, g);
        // load and print are put in by ActorGlobals at their first use (newLoad, newPrint).
        g.debuglib = hook;
        hook.attach(g);
        return g;
    }

    public static String logLine(Varargs args) {
        StringBuilder sb = new StringBuilder();
        // Measured before anything is copied: many arguments that are one large string would otherwise build a
        // line of gigabytes out of references that cost nothing.
        long length = 0;
        for (int i = 1; i <= args.narg(); i++) {
            if (i > 1) {
                sb.append('\t');
            }
            LuaValue v = args.arg(i);
            LuaValue s = v instanceof LuaString ? v : Conversions.text(v);
            length += (s instanceof LuaString ls ? ls.m_length : s.tojstring().length()) + 1;
            CappedStringFunctions.check("log line", length);
            sb.append(MessageCodec.string(s));
        }
        return sb.toString();
    }

    /**
     * A global that is not in the VM's own table: a shared library or base function, or {@code coroutine} created
     * on first use; else nil.
     */
    static LuaValue sharedGlobal(ActorGlobals g, LuaValue key) {
        if (key.raweq(ActorGlobals.STRING)) {
            return g.strings();
        }
        LuaValue shared = SHARED_GLOBALS.rawget(key);
        if (!shared.isnil()) {
            return shared;
        }
        return key.raweq(COROUTINE) && g.startCreating() ? newCoroutineLibrary(g) : LuaValue.NIL;
    }

    /** Reading a global the sandbox removed raises a clear error instead of giving nil. */
    static void checkAvailable(LuaValue key) {
        if (key instanceof LuaString && SharedLibraries.FORBIDDEN_GLOBALS.contains(key.tojstring())) {
            throw SharedLibraries.notAvailable(key.tojstring());
        }
    }

    /** The shared global after {@code key} (nil: the first) for {@code pairs(_G)}, or nil at the end. */
    static Varargs nextShared(LuaValue key) {
        return SHARED_GLOBALS.next(key);
    }

    /** Whether the sandbox gives every VM a global named {@code key} (a shared one, or its own coroutine library). */
    static boolean providesGlobal(LuaValue key) {
        return isShared(key) || key.raweq(COROUTINE);
    }

    /** Whether {@code key} names a shared global. */
    static boolean isShared(LuaValue key) {
        return !SHARED_GLOBALS.rawget(key).isnil();
    }

    private static LuaValue newCoroutineLibrary(ActorGlobals g) {
        CoroutineLib lib = new CoroutineLib();
        LuaTable loaded = new LuaTable();
        LuaTable pkg = new LuaTable();
        // The library registers itself with env.set, which would run a script's own __newindex (strict mode).
        LuaValue scriptMeta = g.getmetatable();
        g.setmetatable(null);
        g.rawset("package", pkg);
        pkg.rawset("loaded", loaded);
        try {
            LuaValue coroutine = lib.call(COROUTINE, g);
            CoroutineGuard.install((LuaTable) coroutine, g);
            g.rawset(COROUTINE, coroutine);
            return coroutine;
        } finally {
            g.rawset("package", LuaValue.NIL);
            g.setmetatable(scriptMeta);
            g.doneCreating();
        }
    }

    /** {@code print}: goes to SLF4J with the actor's name instead of {@code System.out}. */
    /** {@code load} of the VM whose globals are {@code g}. */
    static LuaFunction newLoad(Globals g, boolean compileRepeatedChunks) {
        LoadFunction load = new LoadFunction(g, SandboxLimits::maxStringLength);
        load.compileRepeatedChunks(compileRepeatedChunks);
        return new MeteredLibraryFunctions.ByText(load, "load", RetainedSize.CLOSURE_BYTES, LOADED_BYTES_PER_BYTE);
    }

    /** {@code print} of actor {@code actor}: its lines go to the Lua log under the actor's name. */
    static LuaFunction newPrint(String actor) {
        return new LogPrint(actor);
    }

    private static final class LogPrint extends VarArgFunction {
        private static final LuaString TOSTRING = LuaString.valueOf("tostring");
        private final String actor;

        LogPrint(String actor) {
            this.actor = actor;
        }

        /**
         * As 5.2's {@code print}: each argument through the global {@code tostring} (a script's own replacement
         * too), whether or not the line is logged, so its errors and effects are Lua's.
         */
        @Override
        public Varargs invoke(Varargs args) {
            BudgetHook hook = BudgetHook.boundToCurrentThread();
            if (hook != null && hook.vm() != null) {
                // a nil tostring is called all the same, for Lua's error
                LuaValue tostring = hook.vm().get(TOSTRING);
                LuaValue[] texts = new LuaValue[args.narg()];
                for (int i = 0; i < texts.length; i++) {
                    texts[i] = tostring.call(args.arg(i + 1));
                    if (!texts[i].isstring()) {
                        throw new LuaError("'tostring' must return a string to 'print'");
                    }
                }
                args = varargsOf(texts);
            }
            if (LUA_LOG.isInfoEnabled()) {
                LUA_LOG.info("[{}] {}", actor, logLine(args));
            }
            return NONE;
        }
    }
}
