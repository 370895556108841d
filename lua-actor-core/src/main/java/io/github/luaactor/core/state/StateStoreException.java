package io.github.luaactor.core.state;

import io.github.luaactor.core.LuaActorException;

/**
 * An actor's state could not be loaded, encoded or saved. The message that caused the save fails with it (the
 * sender of an ask receives it) and the actor's {@code ctx.state} is rolled back to the last saved snapshot.
 */
public class StateStoreException extends LuaActorException {

    public StateStoreException(String actor, String message) {
        super(actor, message);
    }

    public StateStoreException(String actor, String message, Throwable cause) {
        super(actor, message, cause);
    }
}
