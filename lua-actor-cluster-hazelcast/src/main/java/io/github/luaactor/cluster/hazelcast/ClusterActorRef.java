package io.github.luaactor.cluster.hazelcast;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.ActorStatistics;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;

/**
 * A cluster actor as a {@link LuaActorRef}, from any member: messages go wherever the actor lives at the time.
 * Life-cycle and statistics operations concern one activation, so they work only on the member where the actor is
 * active and throw {@link UnsupportedOperationException} elsewhere; {@link #isAlive()} is true wherever (a cluster
 * actor is activated on demand).
 */
final class ClusterActorRef implements LuaActorRef {
    private final String name;
    private final ClusterRouter router;
    private final LocalActivations activations;

    ClusterActorRef(String name, ClusterRouter router, LocalActivations activations) {
        this.name = name;
        this.router = router;
        this.activations = activations;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<LuaMessage> send(LuaMessage message) {
        return router.ask(name, message, null);
    }

    @Override
    public void doSend(LuaMessage message) {
        router.tell(name, message, null);
    }

    @Override
    public CompletableFuture<Void> stop() {
        return local().stop();
    }

    @Override
    public boolean isAlive() {
        return true;
    }

    @Override
    public ActorState state() {
        return local().state();
    }

    @Override
    public ActorStatistics statistics() {
        return local().statistics();
    }

    @Override
    public String scriptLocation() {
        return local().scriptLocation();
    }

    @Override
    public CompletableFuture<Void> reload(String newSource) {
        return local().reload(newSource);
    }

    @Override
    public CompletableFuture<Void> reloadFile(Path file) {
        return local().reloadFile(file);
    }

    @Override
    public CompletableFuture<Void> whenTerminated() {
        return local().whenTerminated();
    }

    private LuaActorRef local() {
        if (!activations.names().contains(name) || !router.ownedHere(name)) {
            throw new UnsupportedOperationException("Lua actor '" + name + "' is not active on this member (its"
                    + " owner is " + router.owner(name) + "); life-cycle operations work on that member only");
        }
        return activations.activate(name);
    }

    @Override
    public String toString() {
        return "ClusterActorRef[" + name + "]";
    }
}
