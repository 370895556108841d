package io.github.luaactor.core.internal.compile;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;

import io.github.luaactor.core.LuaScriptException;
import io.github.luaactor.core.internal.sandbox.LuaErrors;
import io.github.luaactor.core.internal.sandbox.SourceStream;
import io.github.luaactor.core.internal.syntax.LuaSyntaxError;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.Prototype;

/**
 * Compiles Lua source once per system: actors started from the same script share one immutable {@link Prototype}
 * and only create their own closure. Takes a chunk name and a source rather than the public {@code LuaScript}, whose
 * {@code checkSyntax} calls {@link #check}: neither depends on the other's package that way.
 */
public final class ScriptCompiler {
    /** Compiled once per source text; the chunk name it was compiled under is the prototype's {@code source}. */
    private final ConcurrentHashMap<String, Prototype> bySource = new ConcurrentHashMap<>();

    /**
     * @throws LuaScriptException naming the actor, the chunk and the line of a syntax error
     */
    public Prototype compile(String actor, String chunkName, String source) {
        Prototype cached = bySource.get(source);
        if (cached == null) {
            Prototype compiled = compileText(actor, chunkName, source);
            cached = bySource.putIfAbsent(source, compiled);
            if (cached == null) {
                return compiled;
            }
        }
        return cached.source.tojstring().equals(chunkName) ? cached
                : renamed(cached, LuaString.valueOf(chunkName));
    }

    /**
     * The same compiled code under another chunk name, so that errors name the right script. Shares the bytecode,
     * constants and line tables; only the small prototype objects are copied.
     */
    private static Prototype renamed(Prototype p, LuaString source) {
        Prototype copy = new Prototype();
        copy.k = p.k;
        copy.code = p.code;
        copy.lineinfo = p.lineinfo;
        copy.locvars = p.locvars;
        copy.upvalues = p.upvalues;
        copy.source = source;
        copy.linedefined = p.linedefined;
        copy.lastlinedefined = p.lastlinedefined;
        copy.numparams = p.numparams;
        copy.is_vararg = p.is_vararg;
        copy.maxstacksize = p.maxstacksize;
        copy.p = new Prototype[p.p.length];
        for (int i = 0; i < p.p.length; i++) {
            copy.p[i] = renamed(p.p[i], source);
        }
        return copy;
    }

    /** Checks that the source compiles without caching it. */
    public static void check(String actor, String chunkName, String source) {
        compileText(actor, chunkName, source);
    }

    private static Prototype compileText(String actor, String chunkName, String source) {
        byte[] bytes = SourceText.encode(source);
        if (bytes.length > 0 && bytes[0] == 27) {
            throw new LuaScriptException(actor, chunkName, 0,
                    "binary chunks are not allowed in the Lua actor sandbox", null);
        }
        try {
            // Lua 5.2's syntax and messages first: LuaJ's parser accepts some invalid source and prints token codes.
            return SignedConstants.compile(bytes, true, chunkName);
        } catch (LuaSyntaxError e) {
            throw syntaxException(actor, chunkName, e);
        } catch (LuaError e) {
            throw LuaErrors.scriptException(actor, chunkName, e);
        } catch (IOException | RuntimeException e) {
            // What the checker accepts and LuaJ still refuses (its limits), never a bare Java exception.
            throw new LuaScriptException(actor, chunkName, 0, e.toString(), null, e);
        }
    }

    /** Named as LuaJ's compiler named the chunk in its errors, so that scripts read as before. */
    private static LuaScriptException syntaxException(String actor, String chunkName, LuaSyntaxError e) {
        String chunk = chunkName.startsWith("=") || chunkName.startsWith("@") ? chunkName.substring(1) : chunkName;
        return new LuaScriptException(actor, chunk, e.line(), e.reason(),
                e.message(SourceStream.displayName(chunkName)), e);
    }

    public void clear() {
        bySource.clear();
    }
}
