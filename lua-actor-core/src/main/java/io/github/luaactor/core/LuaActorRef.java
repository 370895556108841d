package io.github.luaactor.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on a running Lua actor. Thread-safe; messages from one sender start in the order they were sent.
 */
public interface LuaActorRef {

    String name();

    /**
     * Sends a message and returns the handler's reply (its first return value; {@link LuaMessage#NIL} when it
     * returns nothing). Completes exceptionally with {@link LuaScriptException}, {@link BudgetExceededException},
     * {@link MailboxFullException} or {@link ActorStoppedException}.
     */
    CompletableFuture<LuaMessage> send(LuaMessage message);

    /** Like {@link #send(LuaMessage)}, completing with {@link java.util.concurrent.TimeoutException} when late. */
    default CompletableFuture<LuaMessage> send(LuaMessage message, Duration timeout) {
        return send(message).orTimeout(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Fire and forget.
     *
     * @throws MailboxFullException  when the mailbox is full and the policy is {@link OverflowPolicy#REJECT}
     * @throws ActorStoppedException when the actor no longer accepts messages
     */
    void doSend(LuaMessage message);

    /**
     * Stops the actor gracefully: refuses new messages at once, handles those already queued, runs
     * {@code on_stopped}. The future completes when it has stopped.
     */
    CompletableFuture<Void> stop();

    boolean isAlive();

    ActorState state();

    /** Live counters of this actor. */
    ActorStatistics statistics();

    /** Where the handler script came from (file, resource or {@code inline}). */
    String scriptLocation();

    /**
     * Replaces the handler script between two messages; {@code ctx.state} survives and the optional
     * {@code on_reload} hook runs. The source is compiled first: a syntax error throws {@link LuaScriptException}
     * and the old script stays.
     */
    CompletableFuture<Void> reload(String newSource);

    /** {@link #reload(String)} from a file. */
    CompletableFuture<Void> reloadFile(Path file);

    /** Completes when the actor has stopped for good. */
    CompletableFuture<Void> whenTerminated();
}
