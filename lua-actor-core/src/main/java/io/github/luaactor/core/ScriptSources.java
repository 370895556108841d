package io.github.luaactor.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads Lua sources under a root for the built-in script and module resolvers, which differ only in how a name
 * becomes a relative path. The root is the sandbox's boundary here: nothing outside it is read.
 */
final class ScriptSources {
    private ScriptSources() {
    }

    /**
     * {@code <root>/<relative>}, when it is a regular file inside the root, also after following links; the chunk
     * name is the relative path.
     *
     * @param root an absolute, normalized directory
     * @param kind what is read ("script", "module"), for the error message
     */
    static Optional<LuaScript> file(Path root, String relative, String kind) {
        Path file = root.resolve(relative).normalize();
        try {
            if (!file.startsWith(root) || !Files.isRegularFile(file)
                    || !file.toRealPath().startsWith(root.toRealPath())) {
                return Optional.empty();
            }
            return Optional.of(new LuaScript(relative, LuaScript.sourceText(Files.readAllBytes(file)),
                    file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Lua " + kind + " " + file, e);
        }
    }

    /** A class-path root prefix as resource names need it: no leading slash, one trailing slash. */
    static String resourceRoot(String prefix) {
        String base = prefix.endsWith("/") ? prefix : prefix + "/";
        return base.startsWith("/") ? base.substring(1) : base;
    }

    /** The resource {@code <root><relative>}; the chunk name is the relative path. */
    static Optional<LuaScript> resource(ClassLoader loader, String root, String relative, String kind) {
        String resource = root + relative;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new LuaScript(relative, LuaScript.sourceText(in.readAllBytes()),
                    "classpath:" + resource));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Lua " + kind + " " + resource, e);
        }
    }

    /** The first source any of the resolvers finds for the name, in order. */
    static <R> Optional<LuaScript> first(List<R> resolvers, Function<R, Optional<LuaScript>> resolve) {
        for (R resolver : resolvers) {
            Optional<LuaScript> found = resolve.apply(resolver);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
