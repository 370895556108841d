package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.LuaStatePersistence;
import io.github.luaactor.core.RemoteActors;

/**
 * What a cluster module plugs into a system: where names this system does not hold are sent, and where chosen
 * actors' {@code ctx.state} is kept. Both null in single-JVM mode ({@link #NONE}).
 */
public record Extensions(RemoteActors remoteActors, LuaStatePersistence statePersistence) {
    public static final Extensions NONE = new Extensions(null, null);

    /** The persistence for this actor, or null when its state lives in its VM only. */
    LuaStatePersistence persistenceFor(String actor) {
        return statePersistence != null && statePersistence.persists(actor) ? statePersistence : null;
    }
}
