package io.github.luaactor.core;

/** The actor has stopped (or is stopping) and accepts no more messages. */
public class ActorStoppedException extends LuaActorException {
    public ActorStoppedException(String actor) {
        super(actor, "Lua actor '" + actor + "' is stopped");
    }

    public ActorStoppedException(String actor, String detail) {
        super(actor, "Lua actor '" + actor + "' is stopped: " + detail);
    }
}
