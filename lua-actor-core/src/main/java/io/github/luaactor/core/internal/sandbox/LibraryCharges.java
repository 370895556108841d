package io.github.luaactor.core.internal.sandbox;

import java.util.concurrent.locks.LockSupport;

/**
 * Work and allocation of library functions charged to the handler running on this thread: the functions are
 * shared by all VMs, and the {@link BudgetHook} bound to the thread is how they reach the right actor's budget.
 * A thread with no hook bound (no handler running) charges nothing.
 */
final class LibraryCharges {
    private LibraryCharges() {
    }

    /**
     * Charges one step of a library function (a pattern-matching step) as one instruction to the handler running
     * on this thread: instruction counting alone never sees a backtracking pattern that runs for minutes.
     */
    static void chargeLibraryStep() {
        BudgetHook hook = BudgetHook.RUNNING.get();
        if (hook != null) {
            hook.count();
        }
    }

    /**
     * Charges {@code steps} steps of a library function that loops in Java (a long {@code os.date} format, a large
     * {@code string.rep}, a sort) before it runs: the clock is then read as often as if the steps were instructions,
     * so a handler looping over such calls cannot overrun its timeout by more than one call.
     */
    static void chargeLibraryWork(long steps) {
        BudgetHook hook = BudgetHook.RUNNING.get();
        if (hook != null && steps > 0) {
            countMany(hook, steps);
        }
    }

    /** Charges {@code bytes} of allocation to the handler running on this thread (library functions do). */
    static void chargeAllocationOnThisThread(long bytes) {
        BudgetHook hook = BudgetHook.RUNNING.get();
        if (hook != null && bytes > 0) {
            hook.chargeAllocation(bytes);
        }
    }

    static void countMany(BudgetHook hook, long steps) {
        long before = hook.instructions;
        long n = before + steps;
        hook.instructions = n < before ? Long.MAX_VALUE : n;
        if (hook.instructions > hook.instructionLimit) {
            throw new BudgetExceeded(false, "instruction limit of " + hook.instructionLimit + " exceeded",
                    hook.position());
        }
        // The same intervals as the per-instruction count: clock every 2^14 instructions, carrier every 2^18.
        if ((before >>> 14) != (hook.instructions >>> 14)) {
            hook.checkClock();
            if ((before >>> 18) != (hook.instructions >>> 18)) {
                LockSupport.parkNanos(1_000);
            }
        }
    }
}
