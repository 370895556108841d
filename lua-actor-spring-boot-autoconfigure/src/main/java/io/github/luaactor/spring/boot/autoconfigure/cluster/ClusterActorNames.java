package io.github.luaactor.spring.boot.autoconfigure.cluster;

import java.util.List;
import java.util.Set;

import io.github.luaactor.cluster.hazelcast.ActorCatalog;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorDefinition;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorDefinitions;

/**
 * Which declared actors are cluster actors: every one found under {@code lua-actor.scripts} or declared under
 * {@code lua-actor.actors}, except those named in {@code lua-actor.cluster.local-actors}. Every member must have
 * the same scripts, so they all agree.
 *
 * @param names the cluster actors' names, in declaration order
 */
public record ClusterActorNames(List<String> names) {

    public ClusterActorNames {
        names = List.copyOf(names);
    }

    static ClusterActorNames of(LuaActorDefinitions definitions, List<String> localActors) {
        Set<String> local = Set.copyOf(localActors);
        return new ClusterActorNames(definitions.names().stream().filter((name) -> !local.contains(name)).toList());
    }

    /** Whether the named actor is a cluster actor. */
    public boolean isClustered(String name) {
        return this.names.contains(name);
    }

    /** A catalog with one exact entry per cluster actor, built from its definition on each activation. */
    ActorCatalog catalog(LuaActorDefinitions definitions) {
        ActorCatalog catalog = new ActorCatalog();
        for (LuaActorDefinition definition : definitions.definitions()) {
            if (isClustered(definition.name())) {
                catalog.define(definition.name(), definition::toBuilder);
            }
        }
        return catalog;
    }

}
