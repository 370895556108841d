package io.github.luaactor.core.internal.sandbox;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;

import io.github.luaactor.core.internal.stdlib.CallStack;
import io.github.luaactor.core.internal.stdlib.ErrorValues;
import io.github.luaactor.core.internal.stdlib.RaisedError;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A Lua coroutine whose body runs on a virtual thread, in place of LuaJ's platform thread per coroutine. The resumer
 * and the body hand control to each other through one-slot queues, and whichever does not hold control waits, so
 * exactly one thread touches the VM at a time and every hand-off is a happens-before edge (LuaJ's VM fields, such as
 * {@code Globals.running}, are plain fields).
 * <p>
 * While the body waits for its next resume, only its {@link Channel} is on its thread's stack, not this object: a
 * coroutine nobody can resume any more becomes unreachable, and its {@link CoroutineGuard} then ends its thread.
 */
final class VirtualCoroutine extends LuaThread {
    private static final ThreadFactory THREADS = Thread.ofVirtual().name("lua-coroutine").factory();

    private final Globals vm;
    final Channel channel;
    private final LuaValue body;
    private int status = STATUS_INITIAL;
    /** The body's Lua call count and check while it does not run ({@link BudgetHook#swapCallDepth}). */
    private long calls;

    VirtualCoroutine(Globals vm, LuaValue body, CoroutineGuard guard) {
        super(vm, body);
        this.vm = vm;
        this.body = body;
        this.channel = new Channel(guard);
    }

    @Override
    public String getStatus() {
        return STATUS_NAMES[status];
    }

    @Override
    public Varargs resume(Varargs args) {
        if (status != STATUS_INITIAL && status != STATUS_SUSPENDED) {
            return varargsOf(FALSE, valueOf(status == STATUS_DEAD ? "cannot resume dead coroutine"
                    : "cannot resume non-suspended coroutine"));
        }
        LuaThread resumer = vm.running;
        BudgetHook hook = vm.debuglib instanceof BudgetHook budget ? budget : null;
        // The resumer's deep calls wait while the body runs: they count towards the memory limit (this may throw).
        long resumerHeld = hook == null ? 0 : StackSegments.heldBytes(hook.callDepth);
        if (hook != null) {
            hook.holdStack(resumerHeld);
        }
        if (resumer instanceof VirtualCoroutine outer) {
            outer.status = STATUS_NORMAL;
        }
        vm.running = this;
        status = STATUS_RUNNING;
        long resumerCalls = 0;
        if (hook != null) {
            // The body's Lua calls are counted on its own stack, from where it last yielded, and run again.
            resumerCalls = hook.swapCallDepth(channel.started ? calls : StackSegments.freshStack(hook));
            hook.releaseStack(channel.heldStack);
            channel.heldStack = 0;
        }
        Outcome outcome;
        try {
            if (!channel.started) {
                channel.started = true;
                outcome = channel.start(body, args);
            } else {
                outcome = channel.handOver(args);
            }
        } finally {
            if (hook != null) {
                calls = hook.swapCallDepth(resumerCalls);
                hook.releaseStack(resumerHeld);
            }
            vm.running = resumer;
            if (resumer instanceof VirtualCoroutine outer) {
                outer.status = STATUS_RUNNING;
            }
        }
        if (outcome.kind == Outcome.YIELDED) {
            status = STATUS_SUSPENDED;
            if (hook != null) {
                // Its deep calls wait for the next resume.
                long held = StackSegments.heldBytes((int) (calls >> 32));
                hook.holdStack(held);
                channel.heldStack = held;
            }
            return varargsOf(TRUE, outcome.values);
        }
        status = STATUS_DEAD;
        if (outcome.kind == Outcome.RETURNED) {
            return varargsOf(TRUE, outcome.values);
        }
        return failed(outcome.failure, vm.debuglib instanceof CallStack stack ? stack : null);
    }

    /**
     * The resume's result for a body that threw. A host error that unwinds a handler (a spent budget, an actor
     * stopped while the coroutine waited in {@code ctx.send}) unwinds the resumer too, as it would have without the
     * coroutine: only Lua errors and stack overflows are the coroutine's own failure.
     */
    private static Varargs failed(Throwable failure, CallStack stack) {
        if (failure instanceof LuaError error) {
            // Exactly the raised value, as pcall sees it (tables stay tables, strings carry no traceback).
            return varargsOf(FALSE, ErrorValues.of(error, stack));
        }
        if (failure instanceof StackOverflowError) {
            return varargsOf(FALSE, valueOf("stack overflow"));
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return varargsOf(FALSE, valueOf(String.valueOf(failure.getMessage())));
    }

    /** {@code coroutine.yield} inside this coroutine's body (on its own thread). */
    static Varargs yield(Globals vm, Varargs values) {
        if (!(vm.running instanceof VirtualCoroutine running)) {
            // 5.2.4 raises it inside yield, a C function, so without a position in front
            throw new RaisedError(valueOf("attempt to yield from outside a coroutine"));
        }
        Channel channel = running.channel;
        running = null;
        // From here on only the channel is on this stack (see the class comment).
        return channel.yield(values);
    }

    /** What the body's thread hands back to its resumer. */
    record Outcome(int kind, Varargs values, Throwable failure) {
        static final int YIELDED = 0;
        static final int RETURNED = 1;
        static final int FAILED = 2;
    }

    /** Ends a coroutine's thread from its resumer's side: it unwinds without running any Lua code. */
    static final class Killed extends Error {
        Killed() {
            super("coroutine released", null, false, false);
        }
    }

    /**
     * The two hand-off slots of one coroutine and its thread. Resumer to body: the resume's arguments (or null: end
     * the thread); body to resumer: an {@link Outcome}.
     */
    static final class Channel {
        private final CoroutineGuard guard;
        private final BlockingQueue<Varargs> toBody = new ArrayBlockingQueue<>(1);
        private final BlockingQueue<Outcome> toResumer = new ArrayBlockingQueue<>(1);
        /** Resumer side only. */
        boolean started;
        /** What the body's waiting deep calls count towards the memory limit while it is suspended (resumer side). */
        long heldStack;
        /** Written by the body's thread; read by the guard to count live threads. */
        volatile boolean finished;
        /**
         * The body waits in {@code coroutine.yield} for its next resume. Only then may it be released: a body that
         * waits in {@code ctx.send} instead is part of a suspended handler, which ends its own way (abandoned, it
         * unwinds when its reply or timeout comes), and releasing it would wait for that while holding the VM.
         */
        volatile boolean yielded;
        /** A value no resume passes (an empty argument list is LuaJ's shared NONE): end the thread. */
        private static final Varargs KILL = new org.luaj.vm2.LuaTable();

        Channel(CoroutineGuard guard) {
            this.guard = guard;
        }

        Outcome start(LuaValue body, Varargs args) {
            CoroutineQuota quota;
            try {
                quota = guard.threadStarting();
            } catch (LuaError refused) {
                // No room in the system or the JVM: the coroutine fails as if its body had raised the quota error.
                finished = true;
                return new Outcome(Outcome.FAILED, NONE, refused);
            }
            try {
                THREADS.newThread(() -> run(body, args, quota)).start();
            } catch (RuntimeException | OutOfMemoryError e) {
                quota.releaseThread();
                finished = true;
                throw new LuaError("coroutine.resume: cannot start a coroutine: " + e);
            }
            return awaitOutcome();
        }

        Outcome handOver(Varargs args) {
            toBody.add(args);
            return awaitOutcome();
        }

        /** Ends a suspended coroutine's thread; the caller waits until it has unwound (it then holds the VM). */
        void kill() {
            if (!started || finished || !yielded) {
                return;
            }
            toBody.add(KILL);
            awaitOutcome();
        }

        private void run(LuaValue body, Varargs args, CoroutineQuota quota) {
            Outcome outcome;
            try {
                outcome = new Outcome(Outcome.RETURNED, body.invoke(args), null);
            } catch (Killed killed) {
                outcome = new Outcome(Outcome.FAILED, NONE, killed);
            } catch (Throwable t) {
                outcome = new Outcome(Outcome.FAILED, NONE, t);
            } finally {
                finished = true;
                quota.releaseThread();
            }
            toResumer.add(outcome);
        }

        private Varargs yield(Varargs values) {
            yielded = true;
            toResumer.add(new Outcome(Outcome.YIELDED, values, null));
            Varargs resumed = take(toBody, false);
            yielded = false;
            if (resumed == KILL) {
                throw new Killed();
            }
            return resumed;
        }

        /**
         * The resumer never returns while the body runs, interrupted or not: two threads would then use the VM.
         * An interrupt is kept for after the wait.
         */
        private Outcome awaitOutcome() {
            return take(toResumer, true);
        }

        private static <T> T take(BlockingQueue<T> queue, boolean keepInterrupt) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return queue.take();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted && keepInterrupt) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
