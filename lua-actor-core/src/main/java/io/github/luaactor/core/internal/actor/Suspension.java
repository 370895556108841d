package io.github.luaactor.core.internal.actor;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.ReplyCycleException;
import io.github.luaactor.core.internal.sandbox.BudgetHook;
import io.github.luaactor.core.internal.sandbox.SandboxLimits;
import io.github.luaactor.core.internal.vm.ActorVm;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaThread;

/**
 * A handler waiting in {@code ctx.send}: if the reply is not there yet, the VM is handed to a fresh drainer and this
 * (virtual) thread parks until the reply arrives; then it asks for the VM back ({@link Resumption}) and restores what
 * belongs to its turn: {@code ctx.msg}, its budget, its Lua call stack and LuaJ's {@code running} coroutine.
 */
final class Suspension {
    private Suspension() {
    }

    /** The suspended handlers of {@code cell}, made on first use (baton holder only). */
    static Set<Turn> turns(ActorCell cell) {
        Set<Turn> turns = cell.suspendedTurns;
        if (turns == null) {
            turns = ConcurrentHashMap.newKeySet();
            cell.suspendedTurns = turns;
        }
        return turns;
    }

    static boolean noneSuspended(ActorCell cell) {
        Set<Turn> turns = cell.suspendedTurns;
        return turns == null || turns.isEmpty();
    }

    static int count(ActorCell cell) {
        Set<Turn> turns = cell.suspendedTurns;
        return turns == null ? 0 : turns.size();
    }

    /** The reply to a {@code ctx.send}, or the Lua error its failure becomes. */
    static LuaMessage await(ActorCell cell, CompletableFuture<LuaMessage> reply, String target) {
        if (!reply.isDone()) {
            suspendUntilDone(cell, reply);
        }
        try {
            return reply.getNow(LuaMessage.NIL);
        } catch (CompletionException e) {
            throw replyError(cell, target, e.getCause());
        } catch (CancellationException e) {
            throw new LuaError("ctx.send to '" + target + "' was cancelled");
        }
    }

    private static void suspendUntilDone(ActorCell cell, CompletableFuture<LuaMessage> reply) {
        Turn turn = cell.current;
        ActorVm turnVm = turn.vm;
        // The message stays with the turn while it waits: a large one stays on the actor's account (QueuedMessages).
        BudgetHook.Saved budget = turnVm.hook.save(
                turn.envelope == null ? 0 : QueuedMessages.bytesIfLarge(turn.envelope.message));
        LuaThread running = turnVm.globals.running;
        turnVm.globals.running = turnVm.mainThread;
        long suspendedAt = System.nanoTime();
        turns(cell).add(turn);
        cell.current = null;
        if (!cell.scripts.queueSends()) {
            // WaitScan could not see this ctx.send: later sends to this actor go through the dispatcher. Written
            // while this thread still holds the baton, so a reload cannot be writing the scripts too.
            cell.scripts = cell.scripts.queueingSends();
        }
        // Hooks (on_started, on_stopped, on_reload) finish before anything else runs: they keep the VM.
        boolean handOver = turn.envelope != null;
        if (handOver) {
            cell.dispatcher.startDrainer(cell::drain);
        }
        try {
            reply.get(SenderWait.bound(turn, budget, waitNanos(cell, turn)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            reply.completeExceptionally(turn.callerDeadlineNanos != 0
                    && System.nanoTime() - turn.callerDeadlineNanos >= 0 ? new CallerDeadlinePassed()
                            : turn.onSenderThread ? SenderWait.passed()
                                    : new TimeoutException("timeout: no reply within "
                                            + cell.settings.askTimeout().toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.completeExceptionally(e);
        } catch (ExecutionException | CancellationException e) {
            // the outcome is read from the future after the VM is handed back
        }
        if (handOver) {
            reacquire(cell);
        }
        turns(cell).remove(turn);
        if (turn.abandoned) {
            turnVm.hook.forget(budget);
            throw new TurnAbandoned();
        }
        cell.current = turn;
        turnVm.hook.restore(CallerDeadline.resumed(turn, budget));
        turnVm.globals.running = running;
        turnVm.message(turn.luaMessage);
        turn.suspendedNanos += System.nanoTime() - suspendedAt;
        SandboxLimits.setMaxStringLength(cell.settings.maxStringLength());
    }

    /** The ask timeout, cut short by a forced stop's deadline (which an on_stopped hook may still be running to). */
    private static long waitNanos(ActorCell cell, Turn turn) {
        long wait = cell.settings.askTimeout().toNanos();
        if (turn.callerDeadlineNanos != 0) {
            wait = Math.max(0, Math.min(wait, turn.callerDeadlineNanos - System.nanoTime()));
        }
        if (cell.forceStop) {
            wait = Math.max(0, Math.min(wait, cell.forceDeadlineNanos - System.nanoTime()));
        }
        return wait;
    }

    /** The next handler to give the VM back to, or null. */
    static Resumption nextResumption(ActorCell cell) {
        ConcurrentLinkedQueue<Resumption> queue = cell.resumptions;
        return queue == null ? null : queue.poll();
    }

    static boolean resumptionPending(ActorCell cell) {
        ConcurrentLinkedQueue<Resumption> queue = cell.resumptions;
        return queue != null && !queue.isEmpty();
    }

    private static ConcurrentLinkedQueue<Resumption> resumptions(ActorCell cell) {
        ConcurrentLinkedQueue<Resumption> queue = cell.resumptions;
        if (queue == null) {
            synchronized (cell) {
                queue = cell.resumptions;
                if (queue == null) {
                    queue = new ConcurrentLinkedQueue<>();
                    cell.resumptions = queue;
                }
            }
        }
        return queue;
    }

    private static void reacquire(ActorCell cell) {
        if (cell.takeBaton()) {
            return;
        }
        Resumption resumption = new Resumption(Thread.currentThread());
        ConcurrentLinkedQueue<Resumption> queue = resumptions(cell);
        queue.add(resumption);
        if (cell.takeBaton()) {
            if (queue.remove(resumption)) {
                return;
            }
            // Impossible while we hold the baton, but never leave it held by nobody.
            cell.dropBaton();
        }
        resumption.awaitGrant(cell);
    }

    private static LuaError replyError(ActorCell cell, String target, Throwable cause) {
        if (cause instanceof CallerDeadlinePassed) {
            return new LuaError("timeout: no reply from '" + target + "' before the timeout of the Java caller's "
                    + "call to '" + cell.name + "'");
        }
        if (cause instanceof SenderWait.BudgetPassed) {
            return new LuaError("timeout: no reply from '" + target + "' within the handler's time budget (the "
                    + "handler runs on the thread of a Java send, which waits no longer)");
        }
        if (cause instanceof TimeoutException) {
            return new LuaError("timeout: no reply from '" + target + "' within "
                    + cell.settings.askTimeout().toMillis() + " ms");
        }
        if (cause instanceof ReplyCycleException cycle) {
            // Passed on as it is, so that whoever waits at the start of the cycle learns of it.
            return new StrictMode.CycleError(cycle);
        }
        if (cause instanceof LuaActorException e) {
            return new LuaError(e.getMessage());
        }
        return new LuaError("recipient '" + target + "' failed: " + cause);
    }

    /**
     * A handler running on a {@code call} caller's thread waited in {@code ctx.send} until the caller's own
     * timeout: the caller's thread cannot leave before the handler does, so the wait ends there.
     */
    private static final class CallerDeadlinePassed extends TimeoutException {
        CallerDeadlinePassed() {
            super("the caller's timeout passed");
        }
    }

    /** Unwinds a handler whose actor was stopped while it waited; never seen by Lua ({@code pcall} cannot catch it). */
    static final class TurnAbandoned extends Error {
        TurnAbandoned() {
            super("abandoned", null, false, false);
        }
    }
}
