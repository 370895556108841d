package io.github.luaactor.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the source of a shared Lua module for {@code require(name)}. Only what a resolver returns can be required:
 * nothing else on disk or the class path is reachable from a script. Module names are dotted ({@code a.b} is
 * {@code a/b.lua}); {@link #validate(String)} refuses anything that could escape a root.
 */
@FunctionalInterface
public interface LuaModuleResolver {

    LuaModuleResolver NONE = name -> Optional.empty();

    /** The module's source, with its file name as chunk name, or empty when this resolver does not have it. */
    Optional<LuaScript> resolve(String moduleName);

    /** Modules from a directory: {@code a.b} is {@code <root>/a/b.lua}. */
    static LuaModuleResolver directory(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return name -> ScriptSources.file(base, relativePath(name), "module");
    }

    /** Modules from the class path: {@code a.b} is the resource {@code <prefix>/a/b.lua}. */
    static LuaModuleResolver classpath(String prefix, ClassLoader loader) {
        String root = ScriptSources.resourceRoot(prefix);
        return name -> ScriptSources.resource(loader, root, relativePath(name), "module");
    }

    /** Tries each resolver in turn. */
    static LuaModuleResolver firstOf(List<LuaModuleResolver> resolvers) {
        List<LuaModuleResolver> copy = List.copyOf(resolvers);
        return name -> ScriptSources.first(copy, resolver -> resolver.resolve(name));
    }

    /**
     * Checks a module name: dotted segments of letters, digits, {@code _} and {@code -}.
     *
     * @throws IllegalArgumentException explaining what is wrong
     */
    static String validate(String name) {
        if (name == null || !Holder.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid module name '" + name
                    + "' (use dotted names such as 'util.json': letters, digits, '_' and '-'; no paths)");
        }
        return name;
    }

    /** {@code a.b} → {@code a/b.lua}, after {@link #validate(String)}. */
    static String relativePath(String name) {
        return validate(name).replace('.', '/') + ".lua";
    }

    /** Holds the compiled name pattern (interfaces cannot have private static fields). */
    final class Holder {
        static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

        private Holder() {
        }
    }
}
