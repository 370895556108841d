package io.github.luaactor.core.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Replaces {@code coroutine.create} and {@code coroutine.wrap} of one VM. Every LuaJ coroutine runs on its own
 * platform thread, so a VM may hold at most {@value #MAX_LIVE_COROUTINES} coroutines that have not finished (or
 * been collected); and each coroutine body first adopts the creating actor's max-string-length and budget hook,
 * which the capped library functions read from thread-locals that the new thread would not have.
 */
final class CoroutineGuard {
    /** The default of the coroutine quota (ActorSettings.QuotaSettings.DEFAULT_MAX_COROUTINES). */
    static final int MAX_LIVE_COROUTINES = 1000;

    private final Globals globals;
    private final List<WeakReference<LuaThread>> live = new ArrayList<>();
    /** The body of each coroutine, to find what unwound it; weak keys, as {@link #live}. */
    private final Map<LuaThread, WithActorLimits> bodies = new WeakHashMap<>();

    private CoroutineGuard(Globals globals) {
        this.globals = globals;
    }

    static void install(LuaTable coroutine, Globals globals) {
        CoroutineGuard guard = new CoroutineGuard(globals);
        BudgetHook hook = guard.hook();
        if (hook != null) {
            hook.followCoroutines();
        }
        coroutine.rawset("create", new Create(guard));
        coroutine.rawset("wrap", new Wrap(guard));
        coroutine.rawset("resume", new Resume(coroutine.rawget("resume"), guard));
    }

    private BudgetHook hook() {
        return globals.debuglib instanceof BudgetHook hook ? hook : null;
    }

    private LuaThread newCoroutine(String function, LuaValue body) {
        live.removeIf(ref -> {
            LuaThread t = ref.get();
            return t == null || "dead".equals(t.getStatus());
        });
        BudgetHook hook = hook();
        int max = hook == null ? MAX_LIVE_COROUTINES : hook.maxCoroutines();
        if (live.size() >= max) {
            if (hook != null) {
                hook.coroutineRefused();
            }
            throw new LuaError(function + ": more than " + max + " unfinished coroutines in one actor (quota "
                    + "coroutines; raise it with lua-actor.defaults.quotas.max-coroutines or "
                    + "ActorSettings.QuotaSettings.maxCoroutines)");
        }
        WithActorLimits limited = new WithActorLimits(body, SandboxLimits.maxStringLength(), hook());
        LuaThread thread = new LuaThread(globals, limited);
        live.add(new WeakReference<>(thread));
        bodies.put(thread, limited);
        return thread;
    }

    /**
     * After a resume that failed: an error the host threw to unwind the handler (its actor stopped while the
     * coroutine waited in {@code ctx.send}, or a budget ran out) must unwind the resumer too. LuaJ reports it as an
     * ordinary failure of the coroutine, and the handler would otherwise go on running after its actor stopped.
     */
    private void rethrowUnwinding(LuaValue thread) {
        WithActorLimits body = thread instanceof LuaThread t ? bodies.get(t) : null;
        if (body != null && body.unwinding != null) {
            throw body.unwinding;
        }
        BudgetHook hook = hook();
        if (hook != null) {
            hook.rethrowIfExceeded();
        }
    }

    /** Runs a coroutine body after giving its thread the creating actor's string limit. */
    private static final class WithActorLimits extends VarArgFunction {
        private final LuaValue body;
        private final int maxStringLength;
        private final BudgetHook hook;

        WithActorLimits(LuaValue body, int maxStringLength, BudgetHook hook) {
            this.body = body;
            this.maxStringLength = maxStringLength;
            this.hook = hook;
        }

        /** The host error (not a Lua error) that ended the body, if one did. */
        volatile Error unwinding;

        @Override
        public Varargs invoke(Varargs args) {
            SandboxLimits.setMaxStringLength(maxStringLength);
            if (hook != null) {
                hook.bindToCurrentThread();
            }
            try {
                return body.invoke(args);
            } catch (LuaError | VirtualMachineError e) {
                // Lua errors and stack overflows stay ordinary coroutine failures, as in Lua.
                throw e;
            } catch (Error e) {
                unwinding = e;
                throw e;
            }
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
            LuaThread thread = guard.newCoroutine("coroutine.wrap", body.checkfunction());
            return new Resumer(thread, guard);
        }
    }

    /** What {@code coroutine.wrap} returns: resumes the coroutine and raises its error, as LuaJ's own does. */
    private static final class Resumer extends VarArgFunction {
        private final LuaThread thread;
        private final CoroutineGuard guard;

        Resumer(LuaThread thread, CoroutineGuard guard) {
            this.thread = thread;
            this.guard = guard;
            this.name = "wrap";
        }

        @Override
        public Varargs invoke(Varargs args) {
            Varargs result = thread.resume(args);
            if (result.arg1().toboolean()) {
                return result.subargs(2);
            }
            guard.rethrowUnwinding(thread);
            throw new LuaError(result.arg(2).tojstring());
        }
    }

    /** {@code coroutine.resume} that lets a budget error raised inside the coroutine through to the handler. */
    private static final class Resume extends VarArgFunction {
        private final LuaValue delegate;
        private final CoroutineGuard guard;

        Resume(LuaValue delegate, CoroutineGuard guard) {
            this.delegate = delegate;
            this.guard = guard;
            this.name = "resume";
        }

        @Override
        public Varargs invoke(Varargs args) {
            Varargs result = delegate.invoke(args);
            if (!result.arg1().toboolean()) {
                guard.rethrowUnwinding(args.arg1());
            }
            return result;
        }
    }
}
