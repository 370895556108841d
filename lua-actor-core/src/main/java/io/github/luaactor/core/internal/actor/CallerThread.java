package io.github.luaactor.core.internal.actor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.internal.sandbox.BudgetHook;
import io.github.luaactor.core.internal.sandbox.SandboxLimits;
import io.github.luaactor.core.internal.mailbox.Envelope;
import io.github.luaactor.core.internal.vm.ActorVm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code call} on the caller's own thread: when the actor is idle, a blocking caller waits anyway, and running the
 * handler here saves waking a carrier thread and then the caller. Holding the baton makes this thread the only one
 * touching the VM, as a drainer would be, and the mailbox is empty, so no queued message is overtaken. A handler
 * that suspends in {@code ctx.send} hands the VM to a drainer as usual; this thread then waits like the caller would
 * have. The handler's time budget ends at the caller's deadline if that comes first ({@link CallerDeadline}), so
 * the call returns about when its timeout passes.
 */
final class CallerThread {
    private static final Logger LOG = LoggerFactory.getLogger(CallerThread.class);

    private CallerThread() {
    }

    /** True when the handler ran here (the reply is complete or will be); false when the message must be queued. */
    static boolean handle(ActorCell cell, LuaMessage message, CompletableFuture<LuaMessage> reply,
            Duration timeout) {
        return runHere(cell, message, reply, System.nanoTime() + timeout.toNanos(), timeout);
    }

    /**
     * {@code send} on the sender's own thread ({@link SenderThread} says when): as {@link #handle}, but nobody
     * waits on this thread for a deadline, so the handler has its own time budget exactly as on a drainer, and a
     * {@code ctx.send} in it waits no longer than that budget ({@link SenderWait}). True when the handler ran here
     * (the reply is complete, or will be if it waits); false when the message must be queued.
     */
    static boolean handleSend(ActorCell cell, LuaMessage message, CompletableFuture<LuaMessage> reply) {
        return runHere(cell, message, reply, 0L, null);
    }

    /** {@code deadlineNanos} 0: an asynchronous send, otherwise the deadline of a blocking {@code call}. */
    private static boolean runHere(ActorCell cell, LuaMessage message, CompletableFuture<LuaMessage> reply,
            long deadlineNanos, Duration timeout) {
        // A heap guard's refusal is the queue's to report (enqueue throws it), as for any message.
        if (cell.state != ActorState.RUNNING || HeapGuard.refusing() || cell.batonHeld() || !cell.takeBaton()) {
            return false;
        }
        // A strict actor whose handler waits in ctx.send starts nothing else, not even here.
        if (cell.vm == null || cell.hasPendingWork() || StrictMode.blocked(cell)
                || (deadlineNanos == 0L && !SenderThread.lastTurnShort(cell))) {
            cell.releaseBaton();
            return false;
        }
        cell.mailbox.countBypass();
        // The thread-local settings are put back as the caller's thread had them: a handler that made this call
        // through a Java function keeps its own budget and string cap.
        Integer callerLimit = SandboxLimits.replaceMaxStringLength(cell.settings.maxStringLength());
        BudgetHook callerHook = BudgetHook.boundToCurrentThread();
        try {
            TurnRunner.handle(cell, new Envelope(message, reply, null,
                    cell.probe == LuaActorMonitor.Probe.NONE ? 0L : System.nanoTime()),
                    deadlineNanos, timeout, deadlineNanos == 0L);
        } catch (Throwable t) {
            LOG.error("Lua actor '{}': internal error while handling a {} on the caller's thread", cell.name,
                    deadlineNanos == 0L ? "send" : "call", t);
            reply.completeExceptionally(new LuaActorException(cell.name,
                    "internal error in Lua actor '" + cell.name + "'", t));
        } finally {
            ActorVm held = cell.vm;
            if (held != null) {
                held.hook.unbindCurrentThread(callerHook);
            }
            SandboxLimits.restore(callerLimit);
            cell.releaseBaton();
        }
        return true;
    }
}
