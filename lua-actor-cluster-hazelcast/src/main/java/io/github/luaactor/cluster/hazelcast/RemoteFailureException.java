package io.github.luaactor.cluster.hazelcast;

import io.github.luaactor.core.LuaActorException;

/**
 * A cluster actor on another member failed the message: {@link #remoteType()} is the simple name of the exception
 * it failed with there ({@code LuaScriptException}, {@code BudgetExceededException}, ...), and the message is its
 * message, naming the actor, script and line.
 */
public class RemoteFailureException extends LuaActorException {
    private final String remoteType;

    public RemoteFailureException(String actor, String remoteType, String message) {
        super(actor, message);
        this.remoteType = remoteType;
    }

    public String remoteType() {
        return remoteType;
    }
}
