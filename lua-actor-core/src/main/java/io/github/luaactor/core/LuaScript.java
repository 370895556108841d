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
}
