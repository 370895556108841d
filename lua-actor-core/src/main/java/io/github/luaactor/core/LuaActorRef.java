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
     * Sends a message and waits for the reply: the blocking form of {@link #send(LuaMessage, Duration)}, for a
     * caller that would wait anyway. When the actor is idle (nothing queued, no handler running) the handler runs
     * on the calling thread, which saves waking a carrier thread and then the caller; otherwise the message is
     * queued like any other. Either way only one thread at a time runs the actor's VM and no queued message is
     * overtaken. A handler running on the caller's thread cannot be left behind, so the call still returns about
     * when its {@code timeout} passes: a {@code ctx.send} in it waits no longer (the Lua side then sees a timeout
     * error), and its time budget ends there when that comes before the handler timeout; a handler stopped at that
     * point answers {@link ReplyTimeoutException} as a queued one would, counts as a failed message, but is not
     * subject to the actor's failure policy (what it did to {@code ctx.state} before stays). A queued message is not
     * stopped: its handler runs on and its reply is dropped. A strict actor ({@link ActorSettings#reentrant()}
     * {@code false}) with a handler waiting in {@code ctx.send} queues the call behind it.
     *
     * @return the handler's reply ({@link LuaMessage#NIL} when it returns nothing)
     * @throws ReplyTimeoutException  when no reply arrives within {@code timeout}; {@link ReplyCycleException} when
     *                                the handler's {@code ctx.send} would have waited on a strict actor waiting for
     *                                it
     * @throws LuaScriptException     when the handler fails (and the other failures of {@link #send(LuaMessage)},
     *                                thrown as they are)
     * @throws MailboxFullException   when the mailbox refuses the message
     * @throws ActorStoppedException  when the actor no longer accepts messages
     */
    default LuaMessage call(LuaMessage message, Duration timeout) {
        return io.github.luaactor.core.internal.actor.Replies.await(name(), send(message), timeout);
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

    /**
     * A copy of {@code ctx.state}, taken between two messages after everything already queued (so it shows what
     * those messages did); for tests and diagnostics. A handler suspended in {@code ctx.send} may still change the
     * state afterwards. Completes exceptionally with {@link ActorStoppedException} once the actor has stopped, and
     * with {@link LuaActorException} when the state holds a value no message can (a function, a cycle).
     */
    default CompletableFuture<LuaMessage> stateSnapshot() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                getClass().getName() + " does not support state snapshots"));
    }
}
