package io.github.luaactor.core.internal.stdlib;

import java.io.ByteArrayOutputStream;
import java.util.function.IntSupplier;

import io.github.luaactor.core.internal.compile.LoadedChunks;
import io.github.luaactor.core.internal.compile.SignedConstants;
import io.github.luaactor.core.internal.compile.StraightLineCompiler;
import io.github.luaactor.core.internal.interp.InterpretedClosure;
import io.github.luaactor.core.internal.sandbox.BudgetHook;
import io.github.luaactor.core.internal.syntax.LuaSyntaxError;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code load(chunk [, chunkname [, mode [, env]]])} of one VM, as in Lua 5.2 except that binary chunks are refused
 * (they would bypass the compiler's checks). Every failure to load, including a reader that raises or returns a
 * non-string and a refused binary chunk, is {@code nil, message}; chunk names read as in Lua's messages.
 */
public final class LoadFunction extends VarArgFunction {
    private static final LuaString DEFAULT_READER_NAME = LuaString.valueOf("=(load)");
    private static final byte ESCAPE = 27;
    static final int MAX_COMPILES_PER_TURN = 4;

    private final Globals globals;
    private final IntSupplier maxLength;
    private boolean compileRepeated;
    private int compileTurn = -1;
    private byte compilesInTurn;

    /** {@code maxLength}: the longest chunk a reader function may deliver (the sandbox's string limit). */
    public LoadFunction(Globals globals, IntSupplier maxLength) {
        this.globals = globals;
        this.maxLength = maxLength;
        this.name = "load";
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaValue chunk = args.arg1();
        // In 5.2.4's order: the mode, the name, then a chunk that is not a string must be a function.
        LuaString modeArgument = optString(args, 3);
        String mode = modeArgument == null ? "bt" : modeArgument.tojstring();
        LuaString name = optString(args, 2);
        if (name == null) {
            name = chunk.isstring() ? Conversions.plainText(chunk) : DEFAULT_READER_NAME;
        }
        if (!chunk.isstring() && !chunk.isfunction()) {
            throw new LuaError("bad argument #1 to 'load' (function expected, got "
                    + (args.narg() == 0 ? "no value" : typeName(chunk)) + ")");
        }
        LuaValue env = args.narg() >= 4 ? args.arg(4) : globals;
        byte[] bytes;
        try {
            bytes = chunk.isstring() ? bytesOf(chunk.strvalue()) : read(chunk);
        } catch (LuaError e) {
            // A reader that raised: its message in Lua 5.2's words, named where the VM's call stack saw it fail.
            return varargsOf(NIL, ErrorValues.of(e, globals.debuglib instanceof CallStack stack ? stack : null));
        } catch (RuntimeException e) {
            return varargsOf(NIL, ErrorValues.of(e));
        }
        boolean binary = bytes.length > 0 && bytes[0] == ESCAPE;
        if (binary && mode.indexOf('b') < 0 || !binary && mode.indexOf('t') < 0) {
            return varargsOf(NIL, valueOf("attempt to load a " + (binary ? "binary" : "text") + " chunk (mode is '"
                    + mode + "')"));
        }
        if (binary) {
            return varargsOf(NIL, valueOf("binary chunks are not allowed in the Lua actor sandbox"));
        }
        String display = ChunkNames.display(bytesOf(name));
        try {
            LoadedChunks.Loaded loaded = LoadedChunks.of(display, bytes, () -> compile(bytes, display));
            if (compileRepeated && loaded.repeated() && globals.debuglib instanceof BudgetHook hook
                    && mayCompileInThisTurn(hook)) {
                LuaFunction compiled = StraightLineCompiler.instantiateChunk(loaded.prototype(), env, hook);
                if (compiled != null) {
                    return compiled;
                }
            }
            return closureWithEnv(loaded.prototype(), env);
        } catch (LuaSyntaxError e) {
            return varargsOf(NIL, valueOf(e.message(display)));
        } catch (LuaError e) {
            return varargsOf(NIL, valueOf(e.getMessage()));
        } catch (Exception e) {
            return varargsOf(NIL, valueOf(e.toString()));
        }
    }

    /**
     * Chunks loaded again run compiled, as handlers do, when the VM compiles its handlers ({@link LoadedChunks}).
     */
    public void compileRepeatedChunks(boolean compile) {
        this.compileRepeated = compile;
    }

    /**
     * At most {@value #MAX_COMPILES_PER_TURN} compilations per turn: a handler that loads many texts twice each would
     * otherwise make the JVM define a class for every one of them, work its budgets do not count.
     */
    private boolean mayCompileInThisTurn(BudgetHook hook) {
        if (hook.turns() != compileTurn) {
            compileTurn = hook.turns();
            compilesInTurn = 0;
        }
        if (compilesInTurn >= MAX_COMPILES_PER_TURN) {
            return false;
        }
        compilesInTurn++;
        return true;
    }

    private static Prototype compile(byte[] bytes, String display) {
        // Lua 5.2's syntax and messages; LuaJ's own parser accepts some invalid source.
        try {
            Prototype p = SignedConstants.compile(bytes, false, "=" + display);
            rename(p, LuaString.valueOf(display));
            return p;
        } catch (java.io.IOException e) {
            throw new LuaError(e.toString());
        }
    }

    private byte[] read(LuaValue reader) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            LuaValue piece = reader.call();
            if (piece.isnil() || (piece.isstring() && piece.strvalue().length() == 0)) {
                return out.toByteArray();
            }
            if (!piece.isstring()) {
                throw new LuaError("reader function must return a string");
            }
            LuaString s = piece.strvalue();
            if (out.size() + s.m_length > maxLength.getAsInt()) {
                throw new LuaError("load: chunk exceeds the sandbox limit of " + maxLength.getAsInt() + " bytes");
            }
            out.write(s.m_bytes, s.m_offset, s.m_length);
        }
    }

    private static byte[] bytesOf(LuaString s) {
        byte[] bytes = new byte[s.m_length];
        s.copyInto(0, bytes, 0, bytes.length);
        return bytes;
    }

    /** Runtime errors name the chunk by its prototype's source: the name as Lua shows it, not LuaJ's raw one. */
    private static void rename(Prototype p, LuaString source) {
        p.source = source;
        for (Prototype nested : p.p) {
            rename(nested, source);
        }
    }

    /**
     * A closure whose {@code _ENV} is {@code env} but whose instructions still reach the VM's budget hook: the
     * interpreter reports to the hook of the VM it is given, whatever the environment (LuaJ's own would run a chunk
     * loaded with a table as its environment uncounted, escaping the instruction limit and the handler timeout).
     */
    private LuaClosure closureWithEnv(Prototype p, LuaValue env) {
        return new InterpretedClosure(p, env, globals);
    }

    /** {@code luaL_optstring}: null for none or nil, a number as its text. */
    private static LuaString optString(Varargs args, int i) {
        LuaValue v = args.arg(i);
        if (v.isnil()) {
            return null;
        }
        if (!v.isstring()) {
            throw new LuaError("bad argument #" + i + " to 'load' (string expected, got " + v.typename() + ")");
        }
        return Conversions.plainText(v);
    }

    private static String typeName(LuaValue v) {
        return v.isnil() ? "nil" : v.typename();
    }
}
