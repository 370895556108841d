package io.github.luaactor.core;

/** Base of every failure the runtime reports; unchecked. */
public class LuaActorException extends RuntimeException {
    private final String actor;

    public LuaActorException(String actor, String message) {
        super(message);
        this.actor = actor;
    }

    public LuaActorException(String actor, String message, Throwable cause) {
        super(message, cause);
        this.actor = actor;
    }

    /** The actor concerned, or {@code null} when the failure is not about one actor. */
    public String actor() {
        return actor;
    }
}
