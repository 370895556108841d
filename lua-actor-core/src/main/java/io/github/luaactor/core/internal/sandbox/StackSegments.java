package io.github.luaactor.core.internal.sandbox;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.github.luaactor.core.Quota;
import io.github.luaactor.core.QuotaExceededException;
import org.luaj.vm2.LuaError;

/**
 * Deep Lua recursion on a JVM stack. Every Lua function, compiled or interpreted, is a few JVM frames, and a thread's
 * stack (1 MB by default, {@code -Xss}) holds only a few thousand of them, where C Lua nests about a hundred thousand
 * Lua calls. A {@link StackOverflowError} cannot be Lua's catchable {@code stack overflow} either: a {@code pcall}
 * catching it would go on at the very end of the stack, where any lazily prepared JVM code (a class's static
 * initialisation, a concatenation's call site) fails, and stays failed for the whole JVM.
 * <p>
 * So the Lua calls of a coroutine are counted ({@link BudgetHook#enterCall}), and each run of
 * {@value #CALLS_PER_SEGMENT} nested calls gets a stack of its own: the call that would start the next run is made on
 * a new virtual thread while the calling thread waits for it, uninterruptibly, as a coroutine's resumer waits. Exactly
 * one thread touches the VM at a time, and the hand-over and the return are happens-before edges. Past the actor's
 * {@code max-call-depth} a call raises Lua's {@code stack overflow} error, in the caller, at a depth where the stack has
 * room left: {@code pcall} catches it as in Lua.
 * <p>
 * The waiting segments' stacks are on the heap, a few hundred bytes per Lua call: the depth limit
 * ({@code ActorSettings.QuotaSettings.maxCallDepth}) bounds one running stack, and stacks that wait (a suspended
 * handler's, a yielded coroutine's, a resumer's) count towards the actor's memory limit past their first segment
 * ({@link #heldBytes}).
 */
public final class StackSegments {
    /**
     * Nested Lua calls per thread: with a library function or two between calls (a {@code pcall}, a metamethod) a
     * segment stays well inside even a small thread stack.
     */
    public static final int CALLS_PER_SEGMENT = 160;
    /**
     * The JVM stack one waiting Lua call is counted for against the memory limit (a suspended handler at 20,000 calls
     * held 1.3 to 6.5 MB, by how far the JIT had compiled its frames).
     */
    static final long STACK_BYTES_PER_CALL = 256;
    private static final ThreadFactory THREADS = Thread.ofVirtual().name("lua-stack-segment").factory();

    private StackSegments() {
    }

    /**
     * Lua's error for a call past the limit, raised in the caller (the callee's own frame has not begun), as Lua's
     * {@code stack overflow} begins, with the quota that was reached.
     */
    public static final class Overflow extends LuaError {
        Overflow(String actor, int limit) {
            super(new QuotaExceededException(actor, Quota.CALL_DEPTH, limit,
                    "stack overflow (more than " + limit + " nested Lua calls)").getMessage());
        }
    }

    /** {@link BudgetHook#enterCall}'s rare part: the call to {@code depth} is refused, or needs a fresh segment. */
    static boolean full(BudgetHook hook, int depth) {
        CoroutineQuota actor = hook.coroutineQuota;
        if (depth > actor.maxCallDepth()) {
            actor.refused().accept(Quota.CALL_DEPTH);
            throw new Overflow(actor.actor(), actor.maxCallDepth());
        }
        return true;
    }

    /**
     * The stack that {@code depth} nested calls hold past their first segment, for the memory limit while they wait: a
     * stack within one segment is what every handler and coroutine holds, which the quotas on suspended handlers and
     * coroutines bound.
     */
    static long heldBytes(int depth) {
        return Math.max(0, depth - CALLS_PER_SEGMENT) * STACK_BYTES_PER_CALL;
    }

    /** The check of a stack that holds no Lua call yet: a turn's, a coroutine's first. */
    static int firstCheck(BudgetHook hook) {
        return Math.min(CALLS_PER_SEGMENT, hook.coroutineQuota.maxCallDepth());
    }

    /** A coroutine's count and check before its first resume, as {@link BudgetHook#swapCallDepth} takes them. */
    static long freshStack(BudgetHook hook) {
        return firstCheck(hook) & 0xffffffffL;
    }

    /**
     * Runs {@code call} (one Lua function's call, which enters again there) on a new thread with an empty stack, bound
     * to {@code hook} as the actor's own threads are, while this thread waits; returns what it returned and throws
     * what it threw.
     */
    public static <T> T onFreshStack(BudgetHook hook, Supplier<T> call) {
        int check = hook.callCheck;
        hook.callCheck = (int) Math.min((long) hook.callDepth + CALLS_PER_SEGMENT, hook.coroutineQuota.maxCallDepth());
        try {
            Segment<T> segment = new Segment<>(call, hook, SandboxLimits.maxStringLength(), Thread.currentThread());
            try {
                THREADS.newThread(segment).start();
            } catch (RuntimeException | OutOfMemoryError e) {
                throw new LuaError("stack overflow (no thread for a deeper stack: " + e + ")");
            }
            return segment.await();
        } finally {
            hook.callCheck = check;
        }
    }

    /** One segment's thread: the call, and what it ended with. */
    private static final class Segment<T> implements Runnable {
        private final Supplier<T> call;
        private final BudgetHook hook;
        private final int maxStringLength;
        private final Thread waiter;
        private T result;
        private Throwable failure;
        /** Written last by the segment's thread: makes its result (and its use of the VM) visible to the waiter. */
        private volatile boolean done;

        Segment(Supplier<T> call, BudgetHook hook, int maxStringLength, Thread waiter) {
            this.call = call;
            this.hook = hook;
            this.maxStringLength = maxStringLength;
            this.waiter = waiter;
        }

        @Override
        public void run() {
            try {
                SandboxLimits.setMaxStringLength(maxStringLength);
                hook.bindToCurrentThread();
                result = call.get();
            } catch (Throwable t) {
                failure = t;
            } finally {
                done = true;
                LockSupport.unpark(waiter);
            }
        }

        /** Never returns while the call runs, interrupted or not: two threads would then use the VM. */
        T await() {
            boolean interrupted = false;
            while (!done) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }
}
