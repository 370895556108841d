package io.github.luaactor.cluster.hazelcast;

import io.github.luaactor.core.LuaActorException;

/**
 * A cluster actor could not be reached: the member that holds it left (or died) before replying, no member owns its
 * partition yet, or the message could not be handed to that member. The message may or may not have been handled
 * (delivery is at most once): a caller that must know asks again with an idempotent message.
 */
public class ActorUnavailableException extends LuaActorException {

    public ActorUnavailableException(String actor, String message) {
        super(actor, message);
    }

    public ActorUnavailableException(String actor, String message, Throwable cause) {
        super(actor, message, cause);
    }
}
