package io.github.luaactor.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import io.github.luaactor.core.LuaModuleResolver;
import io.github.luaactor.core.LuaScript;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.StringUtils;

/**
 * Resolves {@code require("a.b")} against the {@code lua-actor.modules} locations, in order: {@code a/b.lua} under
 * each location ({@code classpath:}, {@code classpath*:} or {@code file:}). The name is checked with
 * {@link LuaModuleResolver#validate(String)} first, so {@code ..}, slashes and absolute paths never reach a
 * location.
 */
public class ResourceLuaModuleResolver implements LuaModuleResolver {

    private final List<String> roots;

    private final ResourcePatternResolver resources;

    public ResourceLuaModuleResolver(List<String> locations, ResourcePatternResolver resources) {
        this.roots = roots(locations);
        this.resources = resources;
    }

    /** The {@code lua-actor.modules} locations as roots: blanks dropped, trimmed, each ending with a slash. */
    static List<String> roots(List<String> locations) {
        return locations.stream()
            .filter(StringUtils::hasText)
            .map(String::trim)
            .map((location) -> location.endsWith("/") ? location : location + "/")
            .toList();
    }

    /** The module locations, each ending with a slash. */
    public List<String> roots() {
        return this.roots;
    }

    @Override
    public Optional<LuaScript> resolve(String moduleName) {
        String path = LuaModuleResolver.relativePath(moduleName);
        for (String root : this.roots) {
            Optional<Resource> found = find(root + path);
            if (found.isPresent()) {
                return Optional.of(read(path, found.get()));
            }
        }
        return Optional.empty();
    }

    private Optional<Resource> find(String location) {
        try {
            for (Resource resource : this.resources.getResources(location)) {
                if (resource.exists() && resource.isReadable()) {
                    return Optional.of(resource);
                }
            }
            return Optional.empty();
        }
        catch (IOException ex) {
            // An unreadable root (a missing directory, a bad jar) has no modules; the next root may.
            return Optional.empty();
        }
    }

    private static LuaScript read(String path, Resource resource) {
        try {
            return new LuaScript(path, LuaScript.sourceText(resource.getContentAsByteArray()), resource.getDescription());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read Lua module " + resource.getDescription(), ex);
        }
    }

    @Override
    public String toString() {
        return "ResourceLuaModuleResolver" + this.roots;
    }

}
