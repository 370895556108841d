package io.github.luaactor.core;

import java.util.concurrent.CompletableFuture;

/**
 * Reaches actors that this system does not hold, for a cluster module: a name that is neither an actor nor a Java
 * recipient of this system is offered here before it counts as unknown. Set with
 * {@link LuaActorSystem.Builder#remoteActors(RemoteActors)}; a system without one behaves as in single-JVM mode.
 * <p>
 * Local names are always looked up first, so a send to an actor of this system never reaches this interface and
 * costs what it costs without a cluster.
 */
public interface RemoteActors {

    /**
     * Whether {@code name} may be reached through this interface (it lives, or would be activated, on some member).
     * False leaves the name unknown, as without a cluster. Called on the sending actor's thread for every send to a
     * name this system does not hold: keep it cheap.
     */
    boolean handles(String name);

    /**
     * Delivers a message whose reply completes the returned future, which must complete (possibly exceptionally,
     * e.g. with a timeout) even when the member holding the actor dies.
     *
     * @param sender the sending actor's name, or null when Java sends
     */
    CompletableFuture<LuaMessage> ask(String name, LuaMessage message, String sender);

    /** Delivers a message whose reply nobody wants, at most once. */
    void tell(String name, LuaMessage message, String sender);
}
