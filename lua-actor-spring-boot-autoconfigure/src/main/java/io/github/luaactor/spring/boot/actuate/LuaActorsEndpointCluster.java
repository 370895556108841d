package io.github.luaactor.spring.boot.actuate;

import java.util.Map;

import io.github.luaactor.core.LuaActorRef;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code luaactors} endpoint knows of a cluster this application is a member of
 * ({@code lua-actor.cluster.enabled}): a bean of this type adds a {@code cluster} entry to the list and lets the
 * endpoint send to cluster actors that live on other members.
 */
public interface LuaActorsEndpointCluster {

    /**
     * A ref to the named cluster actor wherever it lives.
     * @param name an actor name
     * @return the ref, or {@code null} when the name is not a cluster actor
     */
    @Nullable LuaActorRef find(String name);

    /**
     * The {@code cluster} entry of the list: members, this member, its local activations and the like.
     * @return JSON-friendly values
     */
    Map<String, Object> describe();

}
