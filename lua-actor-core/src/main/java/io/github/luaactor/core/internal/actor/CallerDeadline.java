package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.BudgetExceededException;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.internal.sandbox.BudgetHook;

/**
 * The timeout of a {@code call} whose handler runs on the caller's thread ({@link CallerThread}). That thread cannot
 * return before the handler does, so the handler's time budget ends at the caller's deadline when that comes first
 * (before the handler timeout, or with no handler timeout at all), and the budget restored after a {@code ctx.send}
 * does not outlast it either. A handler stopped there answers its caller with a
 * {@link io.github.luaactor.core.ReplyTimeoutException}, as a queued message would have.
 */
final class CallerDeadline {
    private CallerDeadline() {
    }

    /** The time budget of {@code turn}: the handler timeout, cut short by the caller's deadline (0 = unlimited). */
    static long budget(Turn turn, long handlerTimeoutNanos) {
        if (turn.callerDeadlineNanos == 0) {
            return handlerTimeoutNanos;
        }
        long left = Math.max(1, turn.callerDeadlineNanos - System.nanoTime());
        return handlerTimeoutNanos <= 0 ? left : Math.min(left, handlerTimeoutNanos);
    }

    /** The budget a handler resumes with after {@code ctx.send}, cut short by the caller's deadline. */
    static BudgetHook.Saved resumed(Turn turn, BudgetHook.Saved saved) {
        if (turn.callerDeadlineNanos == 0) {
            return saved;
        }
        long left = turn.callerDeadlineNanos - System.nanoTime();
        if (left >= saved.remainingNanos()) {
            return saved;
        }
        return new BudgetHook.Saved(saved.instructions(), saved.instructionLimit(), left, saved.stack(),
                saved.registers(), saved.pcs(), saved.pc(), saved.compiled(), saved.owner(), saved.parked(),
                saved.callDepth(), saved.callCheck());
    }

    /** True when {@code failure} is the time budget running out at the caller's deadline. */
    static boolean stopped(Turn turn, LuaActorException failure) {
        return turn.callerDeadlineNanos != 0 && turn.envelope != null && turn.envelope.reply != null
                && failure instanceof BudgetExceededException exceeded
                && exceeded.budget() == BudgetExceededException.Budget.TIME
                && System.nanoTime() - turn.callerDeadlineNanos >= 0;
    }
}
