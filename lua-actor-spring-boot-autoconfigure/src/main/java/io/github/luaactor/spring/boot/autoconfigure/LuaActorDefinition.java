package io.github.luaactor.spring.boot.autoconfigure;

import java.util.Objects;
import java.util.function.UnaryOperator;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaScript;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to start one actor declared by files or properties.
 *
 * @param name      the actor's (and its bean's) name
 * @param handle    the per-message handler
 * @param started   the {@code on_started} hook, if any
 * @param stopped   the {@code on_stopped} hook, if any
 * @param reload    the {@code on_reload} hook, if any
 * @param overrides the actor's settings overrides, applied to the system's defaults
 * @param origin    where the actor was declared, for error messages
 */
public record LuaActorDefinition(String name, LuaScript handle, @Nullable LuaScript started,
        @Nullable LuaScript stopped, @Nullable LuaScript reload, UnaryOperator<ActorSettings> overrides,
        String origin) {

    public LuaActorDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(origin, "origin");
    }

    /** A builder preset with this definition's name, scripts and overrides. */
    public LuaActorBuilder toBuilder() {
        LuaActorBuilder builder = LuaActorBuilder.create().name(this.name).onHandle(this.handle).settings(this.overrides);
        if (this.started != null) {
            builder.onStarted(this.started);
        }
        if (this.stopped != null) {
            builder.onStopped(this.stopped);
        }
        if (this.reload != null) {
            builder.onReload(this.reload);
        }
        return builder;
    }

}
