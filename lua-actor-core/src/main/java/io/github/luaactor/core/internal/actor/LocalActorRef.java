package io.github.luaactor.core.internal.actor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.ActorStatistics;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaScript;

/**
 * The public handle on a local actor, apart from its {@link ActorCell}: what applications call is here, what the
 * runtime does is in the cell. One per actor, made with the cell and the same object for its whole life (a monitor
 * recognises an actor by this handle).
 * <p>
 * Why a separate object, although a send now reads one more final field: the cell's fields are laid out by writer
 * across cache lines, and a send already reads the cell's sender line; the handle adds a load from a line that
 * nobody writes after construction (so it stays shared in every sender's cache) and 16 bytes per actor (0.4 % of
 * the density benchmark's 3.75 KB per idle actor, and less than the cell saves by making its set of suspended
 * handlers on first use). Keeping the public methods off the cell is what lets the cell stay small and internal.
 */
final class LocalActorRef implements LuaActorRef {
    private final ActorCell cell;

    LocalActorRef(ActorCell cell) {
        this.cell = cell;
    }

    @Override
    public String name() {
        return cell.name;
    }

    @Override
    public CompletableFuture<LuaMessage> send(LuaMessage message) {
        CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
        try {
            if (!SenderThread.mayRunHere(cell) || !CallerThread.handleSend(cell, message, reply)) {
                cell.enqueue(message, reply, null);
            }
        } catch (LuaActorException e) {
            reply.completeExceptionally(e);
        }
        return reply;
    }

    @Override
    public LuaMessage call(LuaMessage message, Duration timeout) {
        CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
        if (!CallerThread.handle(cell, message, reply, timeout)) {
            cell.enqueue(message, reply, null);
        }
        return Replies.await(cell.name, reply, timeout);
    }

    @Override
    public void doSend(LuaMessage message) {
        cell.enqueue(message, null, null);
    }

    @Override
    public CompletableFuture<Void> stop() {
        return Termination.stop(cell);
    }

    @Override
    public boolean isAlive() {
        return cell.state.isAlive();
    }

    @Override
    public ActorState state() {
        return cell.state;
    }

    /** A new view each time; every view reads the same live counters. */
    @Override
    public ActorStatistics statistics() {
        return new CellStatistics(cell);
    }

    @Override
    public String scriptLocation() {
        return cell.scriptLocation;
    }

    @Override
    public CompletableFuture<Void> reload(String newSource) {
        LuaScript handle = cell.spec.handle();
        return reload(new LuaScript(handle.chunkName(), newSource, handle.location()));
    }

    @Override
    public CompletableFuture<Void> reloadFile(Path file) {
        return reload(LuaScript.of(file));
    }

    /**
     * Compiles the new handler now (a syntax error throws and changes nothing) and queues the swap behind the
     * messages already sent, so they still run on the old script.
     */
    public CompletableFuture<Void> reload(LuaScript script) {
        return ControlEnvelopes.reload(cell, script);
    }

    @Override
    public CompletableFuture<Void> whenTerminated() {
        return cell.terminated;
    }

    @Override
    public CompletableFuture<LuaMessage> stateSnapshot() {
        return ControlEnvelopes.stateSnapshot(cell);
    }

    /** The cell behind this handle, for the runtime. */
    ActorCell cell() {
        return cell;
    }

    @Override
    public String toString() {
        return "LuaActorRef[" + cell.name + ", " + cell.state + "]";
    }
}
