package io.github.luaactor.cluster.hazelcast;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.luaactor.core.LuaActorBuilder;

/**
 * The actors a cluster places, by name, the same on every member: a member activates one from here when the first
 * message for it arrives. An entry is an exact name ({@code "bank"}) or a prefix ending in {@code *}
 * ({@code "account/*"} places {@code account/1}, {@code account/2}, ... each on its own owner). Names not in the
 * catalog are not cluster actors: they stay local to each member as in single-JVM mode.
 */
public final class ActorCatalog {
    private final Map<String, Supplier<LuaActorBuilder>> exact = new LinkedHashMap<>();
    private final Map<String, Supplier<LuaActorBuilder>> prefixes = new LinkedHashMap<>();

    /**
     * @param nameOrPrefix an exact name, or a prefix followed by {@code *}
     * @param builder      a new builder (scripts and settings; the name is set on activation) for each activation
     */
    public ActorCatalog define(String nameOrPrefix, Supplier<LuaActorBuilder> builder) {
        Objects.requireNonNull(builder, "builder");
        if (nameOrPrefix == null || nameOrPrefix.isBlank() || nameOrPrefix.equals("*")) {
            throw new IllegalArgumentException("a cluster actor name or prefix must not be blank, was '"
                    + nameOrPrefix + "'");
        }
        if (nameOrPrefix.endsWith("*")) {
            prefixes.put(nameOrPrefix.substring(0, nameOrPrefix.length() - 1), builder);
        } else {
            exact.put(nameOrPrefix, builder);
        }
        return this;
    }

    /** Whether the name is a cluster actor. */
    public boolean contains(String name) {
        return find(name) != null;
    }

    /** A builder for the actor under that name, or null when the name is not a cluster actor. */
    LuaActorBuilder builderFor(String name) {
        Supplier<LuaActorBuilder> supplier = find(name);
        return supplier == null ? null : supplier.get().name(name);
    }

    private Supplier<LuaActorBuilder> find(String name) {
        Supplier<LuaActorBuilder> found = exact.get(name);
        if (found != null || prefixes.isEmpty()) {
            return found;
        }
        for (Map.Entry<String, Supplier<LuaActorBuilder>> e : prefixes.entrySet()) {
            if (name.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }
}
