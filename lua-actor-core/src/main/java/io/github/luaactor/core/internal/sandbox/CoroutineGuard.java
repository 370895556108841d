package io.github.luaactor.core.internal.sandbox;

import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.luaactor.core.internal.stdlib.RaisedError;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The coroutines of one VM: replaces {@code coroutine.create}, {@code resume}, {@code yield} and {@code wrap} with
 * {@link VirtualCoroutine}s, whose bodies run on virtual threads (LuaJ's own coroutines cost a platform thread each).
 * It bounds the unfinished coroutines of the VM and the coroutine threads of the system and the JVM
 * ({@link CoroutineQuota}),
 * gives each body the creating actor's max-string-length and budget hook (thread-locals a new thread would not
 * have), and ends the threads of coroutines that can no longer be resumed: unreachable ones (at the next
 * {@code coroutine} call, by the VM's own thread) and all of them when the actor stops.
 * Used by the VM's baton holder only, except the cleaner's queue.
 */
final class CoroutineGuard {
    /** The default of the per-actor coroutine quota (ActorSettings.QuotaSettings.DEFAULT_MAX_COROUTINES). */
    static final int MAX_LIVE_COROUTINES = 1000;
    private static final Cleaner CLEANER = Cleaner.create();

    private final Globals globals;
    private final List<WeakReference<VirtualCoroutine>> live = new ArrayList<>();
    /** Channels of coroutines that became unreachable while suspended: their threads still wait for a resume. */
    private final Queue<VirtualCoroutine.Channel> unreachable = new ConcurrentLinkedQueue<>();

    private CoroutineGuard(Globals globals) {
        this.globals = globals;
    }

    static void install(LuaTable coroutine, Globals globals) {
        CoroutineGuard guard = new CoroutineGuard(globals);
        BudgetHook hook = guard.hook();
        if (hook != null) {
            hook.followCoroutines = true;
            hook.coroutines = guard;
        }
        coroutine.rawset("create", new Create(guard));
        coroutine.rawset("wrap", new Wrap(guard));
        coroutine.rawset("resume", new Resume(guard));
        coroutine.rawset("yield", new Yield(globals));
        LibrarySignatures.installInCoroutine(coroutine);
    }

    /**
     * Throws the budget error again if the budget is spent. A coroutine that hit its budget reports it to its
     * resumer as an ordinary error; when the resumer has no instruction left to run (a tail call) the error would
     * otherwise end the handler as a script error, or even as a reply.
     */
    private static void rethrowIfExceeded(BudgetHook hook) {
        if (hook.memory.failure() != null) {
            throw hook.memory.failure();
        }
        BudgetExceeded first = hook.compiledExceeded;
        if (first != null) {
            throw new BudgetExceeded(first.isTime(), first.getMessage(), first.position());
        }
        if (hook.instructions > hook.instructionLimit) {
            throw new BudgetExceeded(false, "instruction limit of " + hook.instructionLimit + " exceeded",
                    hook.position());
        }
        hook.checkClock();
    }

    private BudgetHook hook() {
        return globals.debuglib instanceof BudgetHook hook ? hook : null;
    }

    private CoroutineQuota quota() {
        BudgetHook hook = hook();
        return hook == null ? CoroutineQuota.DEFAULT : hook.coroutineQuota;
    }

    private VirtualCoroutine newCoroutine(String function, LuaValue body) {
        releaseUnreachable();
        live.removeIf(ref -> {
            VirtualCoroutine c = ref.get();
            return c == null || c.channel.finished;
        });
        quota().checkRoom(function, live.size());
        VirtualCoroutine coroutine = new VirtualCoroutine(globals,
                new WithActorLimits(body, SandboxLimits.maxStringLength(), hook()), this);
        live.add(new WeakReference<>(coroutine));
        VirtualCoroutine.Channel channel = coroutine.channel;
        CLEANER.register(coroutine, () -> unreachable.add(channel));
        return coroutine;
    }

    /**
     * A coroutine's thread is about to start (its first resume): takes its place, and returns the quota to give it
     * back to when the thread ends, or throws the Lua error if a quota has no room.
     */
    CoroutineQuota threadStarting() {
        CoroutineQuota quota = quota();
        quota.reserveThread("coroutine.resume");
        return quota;
    }

    /** Ends the threads of suspended coroutines nobody can resume any more. */
    private void releaseUnreachable() {
        VirtualCoroutine.Channel channel;
        while ((channel = unreachable.poll()) != null) {
            release(channel);
        }
    }

    /** Ends every coroutine thread of this VM: the actor stopped. */
    void releaseAll() {
        releaseUnreachable();
        for (WeakReference<VirtualCoroutine> ref : live) {
            VirtualCoroutine coroutine = ref.get();
            if (coroutine != null) {
                release(coroutine.channel);
            }
        }
        live.clear();
    }

    /**
     * Unwinds one suspended body on its thread while this one waits. The unwinding calls the budget hook's
     * return events, which then see a coroutine of their own rather than whatever runs on this thread.
     */
    private void release(VirtualCoroutine.Channel channel) {
        LuaThread running = globals.running;
        globals.running = new LuaThread(globals);
        // The body's frames uncount themselves as they unwind: from a count of their own.
        BudgetHook hook = globals.debuglib instanceof BudgetHook budget ? budget : null;
        long calls = hook == null ? 0 : hook.swapCallDepth(StackSegments.freshStack(hook));
        try {
            channel.kill();
        } finally {
            if (hook != null) {
                hook.swapCallDepth(calls);
                hook.releaseStack(channel.heldStack);
                channel.heldStack = 0;
            }
            globals.running = running;
        }
    }

    /** Runs a coroutine body after giving its thread the creating actor's string limit and budget hook. */
    private static final class WithActorLimits extends VarArgFunction {
        private final LuaValue body;
        private final int maxStringLength;
        private final BudgetHook hook;

        WithActorLimits(LuaValue body, int maxStringLength, BudgetHook hook) {
            this.body = body;
            this.maxStringLength = maxStringLength;
            this.hook = hook;
        }

        @Override
        public Varargs invoke(Varargs args) {
            SandboxLimits.setMaxStringLength(maxStringLength);
            if (hook != null) {
                hook.bindToCurrentThread();
            }
            return body.invoke(args).eval();
        }
    }

    private static final class Create extends OneArgFunction {
        private final CoroutineGuard guard;

        Create(CoroutineGuard guard) {
            this.guard = guard;
            this.name = "create";
        }

        @Override
        public LuaValue call(LuaValue body) {
            return guard.newCoroutine("coroutine.create", body.checkfunction());
        }
    }

    private static final class Wrap extends OneArgFunction {
        private final CoroutineGuard guard;

        Wrap(CoroutineGuard guard) {
            this.guard = guard;
            this.name = "wrap";
        }

        @Override
        public LuaValue call(LuaValue body) {
            return new Resumer(guard.newCoroutine("coroutine.wrap", body.checkfunction()), guard);
        }
    }

    /** What {@code coroutine.wrap} returns: resumes the coroutine and raises its error, as Lua's own does. */
    private static final class Resumer extends VarArgFunction {
        private final VirtualCoroutine coroutine;
        private final CoroutineGuard guard;

        Resumer(VirtualCoroutine coroutine, CoroutineGuard guard) {
            this.coroutine = coroutine;
            this.guard = guard;
            this.name = "wrap";
        }

        @Override
        public Varargs invoke(Varargs args) {
            guard.releaseUnreachable();
            Varargs result = coroutine.resume(args);
            if (result.arg1().toboolean()) {
                return result.subargs(2);
            }
            BudgetHook hook = guard.hook();
            if (hook != null) {
                rethrowIfExceeded(hook);
            }
            LuaValue value = result.arg(2);
            // As Lua 5.2's wrap: a string error gets the position of the call to the wrapped function as well.
            String where = value.isstring() && hook != null ? hook.where(1) : null;
            throw new RaisedError(where == null ? value : valueOf(where + ": " + value.tojstring()));
        }
    }

    private static final class Resume extends VarArgFunction {
        private final CoroutineGuard guard;

        Resume(CoroutineGuard guard) {
            this.guard = guard;
            this.name = "resume";
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaThread coroutine = args.checkthread(1);
            guard.releaseUnreachable();
            Varargs result = coroutine.resume(args.subargs(2));
            if (!result.arg1().toboolean()) {
                BudgetHook hook = guard.hook();
                if (hook != null) {
                    rethrowIfExceeded(hook);
                }
            }
            return result;
        }
    }

    private static final class Yield extends VarArgFunction {
        private final Globals globals;

        Yield(Globals globals) {
            this.globals = globals;
            this.name = "yield";
        }

        @Override
        public Varargs invoke(Varargs args) {
            return VirtualCoroutine.yield(globals, args);
        }
    }
}
