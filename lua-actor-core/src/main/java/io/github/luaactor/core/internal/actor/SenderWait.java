package io.github.luaactor.core.internal.actor;

import java.util.concurrent.TimeoutException;

import io.github.luaactor.core.internal.sandbox.BudgetHook;

/**
 * How long a handler running on the thread of an asynchronous {@code send} ({@link CallerThread#handleSend}) may
 * wait in {@code ctx.send}. Such a thread (a web server's event loop, say) was promised a future, not a wait, so it
 * is kept no longer than the handler's own time budget would keep it: the wait ends when the handler's remaining
 * time does, and Lua then sees the usual timeout error. Only a handler whose {@code ctx.send} the static scan
 * ({@link io.github.luaactor.core.internal.vm.WaitScan}) could not see gets here, once per actor.
 */
final class SenderWait {
    private SenderWait() {
    }

    /** The wait for {@code turn}'s reply: {@code askWaitNanos}, cut to the budget left on a sender's thread. */
    static long bound(Turn turn, BudgetHook.Saved budget, long askWaitNanos) {
        if (!turn.onSenderThread || budget.remainingNanos() == Long.MAX_VALUE) {
            return askWaitNanos;
        }
        return Math.max(0, Math.min(askWaitNanos, budget.remainingNanos()));
    }

    /** The wait of a handler on a sender's thread ended with its time budget. */
    static TimeoutException passed() {
        return new BudgetPassed();
    }

    static final class BudgetPassed extends TimeoutException {
        BudgetPassed() {
            super("the handler's time budget passed on the sender's thread");
        }
    }
}
