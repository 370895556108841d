package io.github.luaactor.core;

import java.util.Optional;

/** Finds the script for {@code ctx.new_actor(name)}; only what a resolver returns can be started from Lua. */
@FunctionalInterface
public interface LuaScriptResolver {
    LuaScriptResolver NONE = name -> Optional.empty();

    Optional<LuaScript> resolve(String name);
}
