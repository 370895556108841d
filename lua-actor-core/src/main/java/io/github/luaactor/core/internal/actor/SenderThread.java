package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.internal.sandbox.BudgetHook;
import io.github.luaactor.core.internal.vm.ActorScripts;
import io.github.luaactor.core.internal.vm.ActorVm;

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
 * <li>a handler of the actor has run, queued, without reaching the first clock check, and none has run longer
 * ({@link #afterTurn}): a handler that loops or computes for long from its first message keeps {@code send}
 * asynchronous, as an application starting slow work with it expects.</li>
 * </ul>
 * Then {@link CallerThread} runs it only if the actor is idle, so FIFO order, budgets, supervision and strict mode
 * are those of the dispatcher path.
 */
final class SenderThread {
    private SenderThread() {
    }

    /**
     * A turn that reaches the first clock check runs long enough to be worth a thread of its own: that many
     * instructions (library work included) take tens of microseconds at least, and the loop that a handler such as
     * {@code while true do end} runs until its time budget ends reaches it at once.
     */
    static final long SHORT_TURN_INSTRUCTIONS = 1 << 14;

    static boolean mayRunHere(ActorCell cell) {
        ActorScripts scripts = cell.scripts;
        return scripts.provenShort() && !scripts.queueSends() && cell.dispatcher.sendsOnCallerThread()
                && cell.durable == null
                && !Thread.currentThread().isVirtual() && BudgetHook.boundToCurrentThread() == null
                && cell.system.customizers().isEmpty() && cell.spec.customizers().isEmpty();
    }

    /**
     * After a message's handler (baton holder): the first short one proves the actor fit to run on senders'
     * threads; a long one, on whichever thread, queues its sends from then on (until a reload).
     */
    static void afterTurn(ActorCell cell, ActorVm vm) {
        ActorScripts scripts = cell.scripts;
        if (scripts.queueSends()) {
            return;
        }
        if (vm.hook.instructionCount() >= SHORT_TURN_INSTRUCTIONS) {
            cell.scripts = scripts.queueingSends();
        } else if (!scripts.provenShort()) {
            cell.scripts = scripts.proven();
        }
    }
}
