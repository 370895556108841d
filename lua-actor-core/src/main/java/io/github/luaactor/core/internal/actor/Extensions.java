package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.RemoteActors;

/**
 * What a cluster module plugs into a system: where names this system does not hold are sent. Null in single-JVM
 * mode ({@link #NONE}). A cluster's state goes through durable state ({@code LuaStateStore}), not through here.
 */
public record Extensions(RemoteActors remoteActors) {
    public static final Extensions NONE = new Extensions(null);
}
