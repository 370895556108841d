package io.github.luaactor.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the script for {@code ctx.new_actor(name)}; only what a resolver returns can be started from Lua, so a
 * resolver is the boundary that keeps scripts from reading arbitrary files.
 * <p>
 * The built-in {@link #directory(Path)} and {@link #classpath(String, ClassLoader)} resolvers accept relative names
 * only: segments of letters, digits, {@code _}, {@code -} and {@code .} (not first) separated by {@code /}, with an
 * optional {@code .lua} ending — {@code worker}, {@code worker.lua}, {@code sub/worker.lua}. Absolute paths,
 * {@code .} or {@code ..} segments, backslashes and anything else resolve nothing.
 */
@FunctionalInterface
public interface LuaScriptResolver {
    LuaScriptResolver NONE = name -> Optional.empty();

    Optional<LuaScript> resolve(String name);

    /**
     * Scripts in a directory: {@code sub/worker} and {@code sub/worker.lua} are {@code <root>/sub/worker.lua}. A file
     * that is a link leading out of the root resolves nothing either.
     */
    static LuaScriptResolver directory(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return name -> {
            String relative = relativePath(name);
            return relative == null ? Optional.empty() : ScriptSources.file(base, relative, "script");
        };
    }

    /** Scripts on the class path: {@code sub/worker} is the resource {@code <prefix>/sub/worker.lua}. */
    static LuaScriptResolver classpath(String prefix, ClassLoader loader) {
        String root = ScriptSources.resourceRoot(prefix);
        return name -> {
            String relative = relativePath(name);
            return relative == null ? Optional.empty() : ScriptSources.resource(loader, root, relative, "script");
        };
    }

    /** Tries each resolver in turn. */
    static LuaScriptResolver firstOf(List<LuaScriptResolver> resolvers) {
        List<LuaScriptResolver> copy = List.copyOf(resolvers);
        return name -> ScriptSources.first(copy, resolver -> resolver.resolve(name));
    }

    /**
     * The relative file a script name stands for ({@code sub/worker} → {@code sub/worker.lua}), or {@code null} when
     * the name is not one the built-in resolvers accept.
     */
    static String relativePath(String name) {
        if (name == null) {
            return null;
        }
        String path = name.endsWith(".lua") ? name : name + ".lua";
        for (String segment : path.split("/", -1)) {
            if (!isSafeSegment(segment)) {
                return null;
            }
        }
        return path;
    }

    /** Letters, digits, {@code _}, {@code -} and {@code .}, not starting with a dot: no {@code .}, {@code ..}. */
    private static boolean isSafeSegment(String segment) {
        if (segment.isEmpty() || segment.charAt(0) == '.' || segment.contains("..")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-' || c == '.';
            if (!safe) {
                return false;
            }
        }
        return true;
    }
}
