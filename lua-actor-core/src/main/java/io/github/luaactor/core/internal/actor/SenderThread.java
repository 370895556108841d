package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.internal.sandbox.BudgetHook;

/**
 * When an asynchronous {@code send} from Java may run its handler on the sender's thread
 * ({@link CallerThread#handleSend}) instead of waking a carrier thread for the actor and then the sender for the
 * reply, which is most of what a request/reply costs. Only when the sender's thread cannot be held longer than the
 * handler's own time budget and nothing of the runtime waits behind it:
 * <ul>
 * <li>the system allows it ({@code LuaActorSystem.Builder.sendsOnCallerThread}, on by default);</li>
 * <li>the sender is a platform thread outside any handler: the runtime's own threads (drainers, coroutine bodies,
 * Java recipients) are virtual, and a handler's thread has its budget bound ({@link BudgetHook});</li>
 * <li>the handler cannot wait for another actor ({@link io.github.luaactor.core.internal.vm.WaitScan});</li>
 * <li>the actor keeps no durable state (a save after each message would be a database round trip on the sender's
 * thread) and has no VM customizer (whose Java functions may block: on a carrier that is the application's choice,
 * on a web server's event loop it would not be);</li>
 * <li>the actor's last turn was a message's that ended before the first clock check ({@link #lastTurnShort}): a
 * handler that loops or computes for long keeps {@code send} asynchronous, as an application starting slow work
 * with it expects.</li>
 * </ul>
 * Then {@link CallerThread} runs it only if the actor is idle, so FIFO order, budgets, supervision and strict mode
 * are those of the dispatcher path.
 */
final class SenderThread {
    private SenderThread() {
    }

    /**
     * A turn that reaches the first clock check runs long enough to be worth a thread of its own: that many
     * instructions (library work included) take tens of microseconds at least, and a loop such as
     * {@code while true do end}, which runs until its time budget ends, reaches it at once.
     */
    static final long SHORT_TURN_INSTRUCTIONS = 1 << 14;

    static boolean mayRunHere(ActorCell cell) {
        return !cell.scripts.queueSends() && cell.dispatcher.sendsOnCallerThread() && cell.durable == null
                && !Thread.currentThread().isVirtual() && BudgetHook.boundToCurrentThread() == null
                && cell.system.customizers().isEmpty() && cell.spec.customizers().isEmpty();
    }

    /**
     * Baton holder, before running a send here: whether the actor's last turn was a message's and short. Read from
     * the hook, which keeps the count of the last turn until the next begins, so the tell path pays nothing for it.
     * The first message always goes through the dispatcher, and so does the one after a long turn.
     */
    static boolean lastTurnShort(ActorCell cell) {
        return cell.succeeded + cell.failed > 0 && cell.vm.hook.instructionCount() < SHORT_TURN_INSTRUCTIONS;
    }
}
