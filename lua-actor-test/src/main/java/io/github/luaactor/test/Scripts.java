package io.github.luaactor.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.github.luaactor.core.LuaScript;

/** Reads a class-path script the way production names it: chunk name the file name, location {@code classpath:}. */
final class Scripts {
    private Scripts() {
    }

    static LuaScript resource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Scripts.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No class-path resource '" + path + "' to start a Lua actor from");
            }
            String chunk = path.substring(path.lastIndexOf('/') + 1);
            return new LuaScript(chunk, new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Lua script " + path, e);
        }
    }
}
