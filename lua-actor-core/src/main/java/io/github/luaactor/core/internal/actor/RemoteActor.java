package io.github.luaactor.core.internal.actor;

import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.RemoteActors;

/**
 * An actor this system does not hold, reached through the {@link RemoteActors} a cluster module installed. Made per
 * send (the name may move between members; the cluster module decides where it goes each time).
 */
record RemoteActor(String name, RemoteActors remote) implements Recipient {

    /** The remote recipient for a name this system does not hold, or null when nothing handles it. */
    static RemoteActor of(Extensions extensions, String name) {
        RemoteActors remote = extensions.remoteActors();
        return remote != null && remote.handles(name) ? new RemoteActor(name, remote) : null;
    }

    @Override
    public CompletableFuture<LuaMessage> ask(LuaMessage message, String sender) {
        return remote.ask(name, message, sender);
    }

    @Override
    public void tell(LuaMessage message, String sender) {
        remote.tell(name, message, sender);
    }
}
