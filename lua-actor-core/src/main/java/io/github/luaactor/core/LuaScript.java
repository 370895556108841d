package io.github.luaactor.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Lua source with the chunk name that error messages show (a file name such as {@code greeter.lua}).
 *
 * @param chunkName what Lua reports as the source of an error
 * @param source    the Lua text; a script read from bytes that are not all UTF-8 holds each other byte as the lone
 *                  surrogate U+DC80..U+DCFF ({@link #sourceText(byte[])}), and compiles to exactly those bytes
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

    /**
     * Reads a script file as Lua does, as bytes: UTF-8 or not (Latin-1, say), every byte of a string literal stays
     * that byte in Lua.
     */
    public static LuaScript of(Path file) {
        try {
            return new LuaScript(file.getFileName().toString(), sourceText(Files.readAllBytes(file)),
                    file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Lua script " + file, e);
        }
    }

    /**
     * The {@link #source()} text for the bytes of a Lua file: their UTF-8 reading, with each byte that is not part of
     * a UTF-8 sequence kept as the lone surrogate U+DC80 + (byte - 0x80), which compiling turns back into the byte.
     * Use it when loading scripts from somewhere other than {@link #of(Path)}.
     */
    public static String sourceText(byte[] bytes) {
        return io.github.luaactor.core.internal.compile.SourceText.decode(bytes);
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
