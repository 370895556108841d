package io.github.luaactor.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Lua source with the chunk name that error messages show (a file name such as {@code greeter.lua}).
 *
 * @param chunkName what Lua reports as the source of an error
 * @param source    the Lua text
 * @param location  where it came from (a path or resource description), for operators; may equal chunkName
 */
public record LuaScript(String chunkName, String source, String location) {
    public LuaScript {
        Objects.requireNonNull(chunkName, "chunkName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
    }

    public static LuaScript of(String chunkName, String source) {
        return new LuaScript(chunkName, source, chunkName);
    }

    public static LuaScript of(Path file) {
        try {
            return new LuaScript(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8),
                    file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Lua script " + file, e);
        }
    }

    /**
     * Compiles this source without running or caching it, for tools that want to refuse a broken script before
     * handing it to actors (a file watcher, an upload endpoint).
     *
     * @param owner the actor or module the script is meant for, named in the exception
     * @throws LuaScriptException naming the chunk and line of a syntax error, or refusing a binary chunk
     */
    public void checkSyntax(String owner) {
        io.github.luaactor.core.internal.compile.ScriptCompiler.check(owner, chunkName, source);
    }
}
