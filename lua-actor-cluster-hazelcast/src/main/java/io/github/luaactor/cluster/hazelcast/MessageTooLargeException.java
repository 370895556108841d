package io.github.luaactor.cluster.hazelcast;

import io.github.luaactor.core.LuaActorException;

/** A message or state is larger, once encoded for the wire, than {@link ClusterSettings#maxMessageBytes()}. */
public class MessageTooLargeException extends LuaActorException {

    public MessageTooLargeException(String actor, int size, int limit) {
        super(actor, "Lua actor '" + actor + "': an encoded message or state of " + size
                + " bytes exceeds the cluster limit of " + limit + " bytes (lua-actor.cluster.max-message-size)");
    }
}
