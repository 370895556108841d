package io.github.luaactor.core.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import io.github.luaactor.core.internal.stdlib.ErrorValues;
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
 * Replaces {@code coroutine.create} and {@code coroutine.wrap} of one VM. Every LuaJ coroutine runs on its own
 * platform thread, so a VM may hold at most {@value #MAX_LIVE_COROUTINES} coroutines that have not finished (or
 * been collected); and each coroutine body first adopts the creating actor's max-string-length and budget hook,
 * which the capped library functions read from thread-locals that the new thread would not have.
 */
final class CoroutineGuard {
    static final int MAX_LIVE_COROUTINES = 1000;

    private final Globals globals;
    private final List<WeakReference<LuaThread>> live = new ArrayList<>();

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
        coroutine.rawset("resume", new Resume(coroutine.rawget("resume"), guard.hook()));
    }

    private BudgetHook hook() {
        return globals.debuglib instanceof BudgetHook hook ? hook : null;
    }

    private LuaThread newCoroutine(String function, LuaValue body) {
        live.removeIf(ref -> {
            LuaThread t = ref.get();
            return t == null || "dead".equals(t.getStatus());
        });
        if (live.size() >= MAX_LIVE_COROUTINES) {
            throw new LuaError(function + ": more than " + MAX_LIVE_COROUTINES
                    + " unfinished coroutines in one actor (sandbox limit; each one is a thread)");
        }
        LuaThread thread = new GuardedThread(globals, new WithActorLimits(body, SandboxLimits.maxStringLength(),
                hook()));
        live.add(new WeakReference<>(thread));
        return thread;
    }

    /** A coroutine that remembers the value its body raised: LuaJ's resume hands back only its message text. */
    private static final class GuardedThread extends LuaThread {
        private final WithActorLimits body;

        GuardedThread(Globals globals, WithActorLimits body) {
            super(globals, body);
            this.body = body;
        }

        /** What the body raised, as Lua sees it; or the message resume gave when the body raised nothing. */
        LuaValue failure(LuaValue message) {
            LuaValue raised = body.failure;
            // Once: resuming the dead coroutine again fails with resume's own message.
            body.failure = null;
            return raised != null ? raised : message;
        }
    }

    /** Runs a coroutine body after giving its thread the creating actor's string limit. */
    private static final class WithActorLimits extends VarArgFunction {
        private final LuaValue body;
        private final int maxStringLength;
        private final BudgetHook hook;
        private LuaValue failure;

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
            try {
                return body.invoke(args).eval();
            } catch (LuaError e) {
                // Read by the resumer after the coroutine's thread handed control back (a happens-before edge).
                failure = ErrorValues.of(e);
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
            return new Resumer(thread, guard.hook());
        }
    }

    /** What {@code coroutine.wrap} returns: resumes the coroutine and raises its error, as LuaJ's own does. */
    private static final class Resumer extends VarArgFunction {
        private final LuaThread thread;
        private final BudgetHook hook;

        Resumer(LuaThread thread, BudgetHook hook) {
            this.thread = thread;
            this.hook = hook;
            this.name = "wrap";
        }

        @Override
        public Varargs invoke(Varargs args) {
            Varargs result = thread.resume(args);
            if (result.arg1().toboolean()) {
                return result.subargs(2);
            }
            if (hook != null) {
                hook.rethrowIfExceeded();
            }
            LuaValue value = ((GuardedThread) thread).failure(result.arg(2));
            // As Lua 5.2's wrap: a string error gets the position of the call to the wrapped function as well.
            String where = value.isstring() && hook != null ? hook.where(1) : null;
            throw new RaisedError(where == null ? value : valueOf(where + ": " + value.tojstring()));
        }
    }

    /** {@code coroutine.resume} that lets a budget error raised inside the coroutine through to the handler. */
    private static final class Resume extends VarArgFunction {
        private final LuaValue delegate;
        private final BudgetHook hook;

        Resume(LuaValue delegate, BudgetHook hook) {
            this.delegate = delegate;
            this.hook = hook;
            this.name = "resume";
        }

        @Override
        public Varargs invoke(Varargs args) {
            Varargs result = delegate.invoke(args);
            if (!result.arg1().toboolean()) {
                if (hook != null) {
                    hook.rethrowIfExceeded();
                }
                if (args.arg1() instanceof GuardedThread thread) {
                    return varargsOf(FALSE, thread.failure(result.arg(2)));
                }
            }
            return result;
        }
    }
}
