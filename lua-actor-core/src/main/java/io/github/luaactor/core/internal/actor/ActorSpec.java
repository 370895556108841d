package io.github.luaactor.core.internal.actor;

import java.util.List;
import java.util.Map;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaScript;
import io.github.luaactor.core.LuaVmCustomizer;
import io.github.luaactor.core.state.StateSettings;

/**
 * Everything needed to start an actor.
 *
 * @param name             the actor's name, or {@code null} to generate one
 * @param handle           the per-message handler (required)
 * @param started          {@code on_started}, or {@code null}
 * @param stopped          {@code on_stopped}, or {@code null}
 * @param reload           {@code on_reload}, or {@code null}
 * @param settings         limits and policies
 * @param localRecipients  Java recipients visible to this actor only
 * @param customizers      applied to each new VM of this actor, after the system's own
 * @param state            where {@code ctx.state} is kept; {@code null} for the system's default
 */
public record ActorSpec(String name, LuaScript handle, LuaScript started, LuaScript stopped, LuaScript reload,
        ActorSettings settings, Map<String, LuaMessageHandler> localRecipients, List<LuaVmCustomizer> customizers,
        StateSettings state) {
    public ActorSpec {
        localRecipients = Map.copyOf(localRecipients);
        customizers = List.copyOf(customizers);
    }

    /** With the system's default state settings. */
    public ActorSpec(String name, LuaScript handle, LuaScript started, LuaScript stopped, LuaScript reload,
            ActorSettings settings, Map<String, LuaMessageHandler> localRecipients,
            List<LuaVmCustomizer> customizers) {
        this(name, handle, started, stopped, reload, settings, localRecipients, customizers, null);
    }

    ActorSpec withState(StateSettings value) {
        return new ActorSpec(name, handle, started, stopped, reload, settings, localRecipients, customizers, value);
    }
}
