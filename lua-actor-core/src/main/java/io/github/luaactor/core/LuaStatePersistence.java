package io.github.luaactor.core;

/**
 * Keeps the {@code ctx.state} of chosen actors outside their VM, for a cluster module: restored into each new VM
 * before {@code on_started}, committed after each message the handler handled without error and before its reply is
 * sent, so that a sender holding a reply knows the state it caused is committed. Set with
 * {@link LuaActorSystem.Builder#statePersistence(LuaStatePersistence)}; actors for which {@link #persists(String)} is
 * false (and every actor of a system without one) keep their state in their VM only, as before.
 * <p>
 * Called on the actor's own thread, never concurrently for one actor.
 */
public interface LuaStatePersistence {

    /** Whether this actor's state is restored and committed here; asked once when the actor starts. */
    boolean persists(String actor);

    /**
     * The state to start a new VM with; {@link LuaMessage#NIL} when there is none, which gives the empty table a
     * VM starts with otherwise.
     */
    LuaMessage restore(String actor);

    /**
     * Commits the state after a handled message. Throwing a {@link LuaActorException} fails that message (the sender
     * of an ask receives the exception) and puts the last committed state back into {@code ctx.state}.
     */
    void commit(String actor, LuaMessage state);
}
