package io.github.luaactor.core.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

import io.github.luaactor.core.LuaScript;
import io.github.luaactor.core.LuaScriptException;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/**
 * Compiles Lua source once per system: actors started from the same script share one immutable {@link Prototype}
 * and only create their own closure.
 */
public final class ScriptCompiler {
    private final ConcurrentHashMap<LuaScript, Prototype> cache = new ConcurrentHashMap<>();

    /**
     * @throws LuaScriptException naming the actor, the chunk and the line of a syntax error
     */
    public Prototype compile(String actor, LuaScript script) {
        Prototype cached = cache.get(script);
        if (cached != null) {
            return cached;
        }
        Prototype compiled = compileText(actor, script);
        Prototype raced = cache.putIfAbsent(script, compiled);
        return raced == null ? compiled : raced;
    }

    /** Checks that the source compiles without caching it. */
    public void check(String actor, LuaScript script) {
        compileText(actor, script);
    }

    private static Prototype compileText(String actor, LuaScript script) {
        byte[] bytes = script.source().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0 && bytes[0] == 27) {
            throw new LuaScriptException(actor, script.chunkName(), 0,
                    "binary chunks are not allowed in the Lua actor sandbox", null);
        }
        try {
            return LuaC.instance.compile(new ByteArrayInputStream(bytes), script.chunkName());
        } catch (LuaError e) {
            throw LuaErrors.scriptException(actor, script.chunkName(), e);
        } catch (IOException e) {
            throw new LuaScriptException(actor, script.chunkName(), 0, e.toString(), null, e);
        }
    }

    public void clear() {
        cache.clear();
    }
}
