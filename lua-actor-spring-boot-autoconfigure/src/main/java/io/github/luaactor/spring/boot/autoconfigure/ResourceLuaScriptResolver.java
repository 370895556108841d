package io.github.luaactor.spring.boot.autoconfigure;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.luaactor.core.LuaScript;
import io.github.luaactor.core.LuaScriptResolver;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Resolves {@code ctx.new_actor("name")} against the actor script location: with the default
 * {@code classpath*:lua-actors/*.lua}, {@code "worker"} is {@code classpath*:lua-actors/worker.lua}. The {@code *}
 * of the pattern's last segment is replaced by the name. Names are plain file names (letters, digits, {@code _},
 * {@code -} and {@code .}, not starting with a dot; a trailing {@code .lua} is ignored), so Lua cannot reach any
 * other file. An empty script location resolves nothing.
 */
public class ResourceLuaScriptResolver implements LuaScriptResolver {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*");

    private final String prefix;

    private final String suffix;

    private final ResourcePatternResolver resources;

    private final boolean enabled;

    public ResourceLuaScriptResolver(String scriptsPattern, ResourcePatternResolver resources) {
        String pattern = scriptsPattern.trim();
        this.enabled = !pattern.isEmpty();
        int slash = pattern.lastIndexOf('/');
        String directory = pattern.substring(0, slash + 1);
        String file = pattern.substring(slash + 1);
        int star = file.indexOf('*');
        if (star >= 0) {
            this.prefix = directory + file.substring(0, star);
            this.suffix = file.substring(star + 1);
        }
        else {
            this.prefix = directory;
            this.suffix = ".lua";
        }
        this.resources = resources;
    }

    @Override
    public Optional<LuaScript> resolve(String name) {
        if (name != null && name.endsWith(".lua") && this.suffix.endsWith(".lua")) {
            name = name.substring(0, name.length() - 4);
        }
        if (!this.enabled) {
            return Optional.empty();
        }
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        try {
            return Arrays.stream(this.resources.getResources(this.prefix + name + this.suffix))
                .filter(Resource::exists)
                .findFirst()
                .map(LuaActorBeanRegistrar::read);
        }
        catch (IOException ex) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "ResourceLuaScriptResolver[" + this.prefix + "<name>" + this.suffix + "]";
    }

}
