package io.github.luaactor.core.internal;

import java.io.ByteArrayOutputStream;

import org.luaj.vm2.Globals;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.TwoArgFunction;
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
    private static final LuaString COROUTINE = LuaString.valueOf("coroutine");
    private static final LuaTable GLOBALS_META;
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
        shared.rawset("_VERSION", LuaValue.valueOf(Lua._VERSION));
        shared.rawset("string", SharedLibraries.STRING);
        shared.rawset("table", SharedLibraries.TABLE);
        shared.rawset("math", SharedLibraries.MATH);
        shared.rawset("bit32", SharedLibraries.BIT32);
        shared.rawset("os", SharedLibraries.OS);
        SHARED_GLOBALS = shared.seal();
        ReadOnlyTable meta = new ReadOnlyTable("globals metatable");
        meta.rawset(LuaValue.INDEX, new GlobalsGuard());
        meta.rawset(LuaValue.METATABLE, LuaValue.valueOf("protected by the Lua actor sandbox"));
        GLOBALS_META = meta.seal();
    }

    private Sandbox() {
    }

    public static Globals newGlobals(String actor, BudgetHook hook) {
        Globals g = new ActorGlobals();
        LuaC.install(g);
        // Only what is bound to this VM lives in its own table; the shared libraries and stateless base
        // functions are found through the metatable, which keeps an idle VM small.
        g.rawset("_G", g);
        g.rawset("xpcall", new XPCall(g));
        g.rawset("load", new TextOnlyLoad(g));
        g.rawset("print", new LogPrint(actor));
        g.debuglib = hook;
        hook.attach(g);
        g.setmetatable(GLOBALS_META);
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
            LuaValue s = v.isstring() ? v : SharedLibraries.STATELESS_BASE.get("tostring").call(v);
            length += (s instanceof LuaString ls ? ls.m_length : s.tojstring().length()) + 1;
            CappedStringFunctions.check("log line", length);
            sb.append(MessageCodec.string(s));
        }
        return sb.toString();
    }

    /**
     * {@code __index} of every VM's globals: shared libraries and base functions, then {@code coroutine} created on
     * first use, then an error for names the sandbox removed.
     */
    private static final class GlobalsGuard extends TwoArgFunction {
        @Override
        public LuaValue call(LuaValue table, LuaValue key) {
            LuaValue shared = SHARED_GLOBALS.rawget(key);
            if (!shared.isnil()) {
                return shared;
            }
            if (key.raweq(COROUTINE) && table instanceof Globals g) {
                CoroutineLib lib = new CoroutineLib();
                LuaTable loaded = new LuaTable();
                LuaTable pkg = new LuaTable();
                pkg.rawset("loaded", loaded);
                g.rawset("package", pkg);
                try {
                    LuaValue coroutine = lib.call(COROUTINE, g);
                    CoroutineGuard.install((LuaTable) coroutine, g);
                    return coroutine;
                } finally {
                    g.rawset("package", NIL);
                }
            }
            if (key.isstring() && SharedLibraries.FORBIDDEN_GLOBALS.contains(key.tojstring())) {
                throw SharedLibraries.notAvailable(key.tojstring());
            }
            return NIL;
        }
    }

    /** Lua's {@code xpcall}, bound to this VM's main thread. */
    private static final class XPCall extends VarArgFunction {
        private final Globals globals;

        XPCall(Globals globals) {
            this.globals = globals;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaThread t = globals.running;
            LuaValue previous = t.errorfunc;
            t.errorfunc = args.checkvalue(2);
            try {
                return varargsOf(TRUE, args.arg1().invoke(args.subargs(3)));
            } catch (LuaError le) {
                LuaValue m = le.getMessageObject();
                return varargsOf(FALSE, m != null ? m : NIL);
            } catch (Exception e) {
                String m = e.getMessage();
                return varargsOf(FALSE, valueOf(m != null ? m : e.toString()));
            } finally {
                t.errorfunc = previous;
            }
        }
    }

    /** {@code load} for text chunks only; binary chunks would bypass the compiler's checks. */
    private static final class TextOnlyLoad extends VarArgFunction {
        private final Globals globals;

        TextOnlyLoad(Globals globals) {
            this.globals = globals;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaValue chunk = args.checkvalue(1);
            String chunkName = args.optjstring(2, "=(load)");
            LuaValue env = args.isnoneornil(4) ? globals : args.checktable(4);
            byte[] bytes;
            if (chunk.isstring()) {
                LuaString s = chunk.checkstring();
                bytes = new byte[s.m_length];
                s.copyInto(0, bytes, 0, bytes.length);
            } else {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                LuaValue fn = chunk.checkfunction();
                while (true) {
                    LuaValue piece = fn.call();
                    if (piece.isnil() || (piece.isstring() && piece.strvalue().length() == 0)) {
                        break;
                    }
                    LuaString s = piece.checkstring();
                    if (out.size() + s.m_length > SandboxLimits.maxStringLength()) {
                        throw new LuaError("load: chunk exceeds the sandbox limit of "
                                + SandboxLimits.maxStringLength() + " bytes");
                    }
                    out.write(s.m_bytes, s.m_offset, s.m_length);
                }
                bytes = out.toByteArray();
            }
            if (bytes.length > 0 && bytes[0] == 27) {
                throw new LuaError("binary chunks are not allowed in the Lua actor sandbox");
            }
            try {
                Prototype p = LuaC.instance.compile(new SourceStream(bytes, chunkName), chunkName);
                return closureWithEnv(p, env);
            } catch (LuaError e) {
                return varargsOf(NIL, valueOf(e.getMessage()));
            } catch (Exception e) {
                return varargsOf(NIL, valueOf(e.toString()));
            }
        }

        /**
         * A closure whose {@code _ENV} is {@code env} but whose instructions still reach the VM's budget hook. LuaJ
         * only sets a closure's {@code globals} field (through which the hook runs, and which nested closures
         * inherit) when the environment passed to the constructor is a {@code Globals}; {@code new LuaClosure(p, {})}
         * would run uncounted, escaping the instruction limit and the handler timeout.
         */
        private LuaClosure closureWithEnv(Prototype p, LuaValue env) {
            LuaClosure closure = new LuaClosure(p, globals);
            if (env != globals && closure.upValues.length > 0) {
                closure.upValues[0].setValue(env);
            }
            return closure;
        }
    }

    /** {@code print}: goes to SLF4J with the actor's name instead of {@code System.out}. */
    private static final class LogPrint extends VarArgFunction {
        private final String actor;

        LogPrint(String actor) {
            this.actor = actor;
        }

        @Override
        public Varargs invoke(Varargs args) {
            if (LUA_LOG.isInfoEnabled()) {
                LUA_LOG.info("[{}] {}", actor, logLine(args));
            }
            return NONE;
        }
    }
}
