package io.github.luaactor.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateSettings;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorProperties.State;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * The {@link StateSettings} of each actor from {@code lua-actor.defaults.state.*} and
 * {@code lua-actor.actors.<name>.state.*}, with the store named by {@code store} looked up among the
 * {@link LuaStateStore} beans by {@link LuaStateStore#kind()}. {@value #MEMORY} is no store: state in the VM only.
 */
public final class LuaActorStateSettings {

    /** The store value meaning "in the VM only". */
    public static final String MEMORY = "memory";

    private final Map<String, LuaStateStore> stores = new LinkedHashMap<>();

    private final LuaActorProperties properties;

    private final StateSettings defaults;

    public LuaActorStateSettings(LuaActorProperties properties, List<LuaStateStore> stores) {
        this.properties = Objects.requireNonNull(properties, "properties");
        for (LuaStateStore store : stores) {
            this.stores.putIfAbsent(store.kind(), store);
        }
        this.defaults = apply(StateSettings.NONE, properties.getDefaults().getState(),
                LuaActorProperties.PREFIX + ".defaults.state");
        // Fail at start-up, naming the key, rather than when the actor starts.
        properties.getActors().keySet().forEach(this::forActor);
    }

    /** What actors get unless they override it: those of lua-actor.actors and those started by code. */
    public StateSettings defaults() {
        return this.defaults;
    }

    /** The settings of the named actor: its own overrides on top of {@link #defaults()}. */
    public StateSettings forActor(String name) {
        LuaActorProperties.Actor actor = this.properties.getActors().get(name);
        if (actor == null) {
            return this.defaults;
        }
        return apply(this.defaults, actor.getState(), LuaActorProperties.PREFIX + ".actors." + name + ".state");
    }

    private StateSettings apply(StateSettings base, State state, String key) {
        StateSettings result = base;
        if (state.getStore() != null) {
            result = result.withStore(store(state.getStore(), key + ".store"));
        }
        if (state.getWriteMode() != null) {
            result = result.withWriteMode(state.getWriteMode());
        }
        try {
            if (state.getWriteInterval() != null) {
                result = result.withWriteInterval(state.getWriteInterval());
            }
            if (state.getMaxStateSize() != null) {
                result = result.withMaxStateSize(bytes(state.getMaxStateSize(), key + ".max-state-size"));
            }
        }
        catch (IllegalArgumentException ex) {
            throw new LuaActorConfigurationException("Invalid durable state settings under " + key + ": "
                    + ex.getMessage(), "Fix the values under " + key + ".", ex);
        }
        return result;
    }

    private @Nullable LuaStateStore store(String kind, String key) {
        if (MEMORY.equals(kind)) {
            return null;
        }
        LuaStateStore store = this.stores.get(kind);
        if (store == null) {
            String known = this.stores.isEmpty() ? "none" : String.join(", ", this.stores.keySet());
            throw new LuaActorConfigurationException(
                    key + "=" + kind + " names no state store: the LuaStateStore beans have the kinds " + known + ".",
                    "jdbc".equals(kind)
                            ? "Add io.github.luaactor:lua-actor-state-jdbc and a DataSource "
                                    + "(spring-boot-starter-jdbc and a driver), and apply its schema script (docs/state.md)."
                            : "Use " + MEMORY + ", jdbc or the kind() of a LuaStateStore bean of your own.");
        }
        return store;
    }

    private static int bytes(DataSize size, String key) {
        long bytes = size.toBytes();
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be between 1B and " + Integer.MAX_VALUE + "B, was " + size);
        }
        return (int) bytes;
    }

}
