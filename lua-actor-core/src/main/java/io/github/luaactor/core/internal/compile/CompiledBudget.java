package io.github.luaactor.core.internal.compile;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.github.luaactor.core.internal.naming.InvalidKeys;
import io.github.luaactor.core.internal.naming.Lua52Messages;
import io.github.luaactor.core.internal.sandbox.BudgetHook;
import io.github.luaactor.core.internal.sandbox.CompiledCode;
import io.github.luaactor.core.internal.sandbox.ConcatNumbers;
import io.github.luaactor.core.internal.sandbox.NegativeZero;
import io.github.luaactor.core.internal.sandbox.SandboxLimits;
import io.github.luaactor.core.internal.sandbox.StackSegments;
import io.github.luaactor.core.internal.stdlib.RaisedError;
import org.luaj.vm2.Buffer;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;

/**
 * What {@link BudgetWeaver} makes luajc's generated code call: the budget charge at function entries and loop
 * back-edges, the {@code max-string-length} check of {@code ..}, and the error position the interpreter would add.
 * Static, because generated closures are created by generated code and cannot be handed the VM's hook: the hook
 * comes from the thread binding that the actor (and every coroutine body) sets up, as pattern matching's does.
 * Public only for the generated classes, whose loader's module this package is exported to.
 */
public final class CompiledBudget {
    /** {@code Buffer} keeps its length private; the class path's unnamed module lets us read it. */
    private static final VarHandle BUFFER_LENGTH = bufferField("length", int.class);
    /** Set while a buffer holds a value not yet turned into bytes (a number, or a table with {@code __concat}). */
    private static final VarHandle BUFFER_VALUE = bufferField("value", LuaValue.class);
    /** Room made before a chain's last operand for the ones {@code ..} prepends to it: most keys and lines fit. */
    private static final int PREPEND_ROOM = 32;

    private CompiledBudget() {
    }

    /**
     * The constant {@code -0.0} of a compiled function ({@link BudgetWeaver}): luajc makes each double constant with
     * {@code LuaValue.valueOf(double)}, which gives the integer 0 for it.
     */
    public static LuaValue negativeZero() {
        return NegativeZero.valueOf(-0.0);
    }

    /** A table key computed at run time ({@link BudgetWeaver}): {@code -0} is the key 0, as in Lua. */
    public static LuaValue key(LuaValue k) {
        return NegativeZero.key(k);
    }

    /** As {@link #key}, for a store: a nil or NaN key is kept for the store's error ({@link InvalidKeys}). */
    public static LuaValue storeKey(LuaValue k) {
        if (k == LuaValue.NIL || k instanceof LuaDouble && InvalidKeys.invalid(k)) {
            InvalidKeys.record(k);
        }
        return NegativeZero.key(k);
    }

    /**
     * The hook of the handler running on this thread, or null: read once at a generated function's entry and kept in
     * a local for its back-edges, so that a loop's charge does not look up the thread binding each time round (a
     * function runs on one thread, whose binding does not change under it). {@code Object}, so that generated
     * classes need not see the sandbox package.
     */
    public static Object hook() {
        return BudgetHook.boundToCurrentThread();
    }

    /** Charges {@code n} instructions to {@code hook}, as read by {@link #hook()} (null: not an actor's code). */
    public static void charge(Object hook, int n) {
        if (hook != null) {
            ((BudgetHook) hook).chargeCompiled(n);
        }
    }

    /**
     * At a generated function's entry ({@link BudgetWeaver}): counts the Lua call, or raises Lua's {@code stack
     * overflow}; true when the function must run on a fresh stack segment instead ({@link StackSegments}), through
     * one of the {@code onFreshStack} methods, which call it again there.
     */
    public static boolean enter(Object hook) {
        return hook != null && ((BudgetHook) hook).enterCall();
    }

    /** At each of a generated function's exits, normal or by a Lua error: uncounts what {@link #enter} counted. */
    public static void exit(Object hook) {
        if (hook != null) {
            ((BudgetHook) hook).exitCall();
        }
    }

    public static LuaValue onFreshStack(Object hook, LuaValue f) {
        return StackSegments.onFreshStack((BudgetHook) hook, () -> f.call());
    }

    public static LuaValue onFreshStack(Object hook, LuaValue f, LuaValue a) {
        return StackSegments.onFreshStack((BudgetHook) hook, () -> f.call(a));
    }

    public static LuaValue onFreshStack(Object hook, LuaValue f, LuaValue a, LuaValue b) {
        return StackSegments.onFreshStack((BudgetHook) hook, () -> f.call(a, b));
    }

    public static LuaValue onFreshStack(Object hook, LuaValue f, LuaValue a, LuaValue b, LuaValue c) {
        return StackSegments.onFreshStack((BudgetHook) hook, () -> f.call(a, b, c));
    }

    public static Varargs onFreshStack(Object hook, LuaValue f, Varargs args) {
        return StackSegments.onFreshStack((BudgetHook) hook, () -> f.onInvoke(args));
    }

    /** Notes the line of a tail call that generated code is about to return (see {@link BudgetWeaver}). */
    public static void tailCall(int line) {
        BudgetHook hook = BudgetHook.boundToCurrentThread();
        if (hook != null && hook.compiledCode() instanceof CompiledHandler handler) {
            handler.tailCalled(line);
        }
    }

    /**
     * luajc's {@code return f(args)}. A Lua function (compiled or interpreted) is a proper tail call, run by the
     * caller's caller once this frame is gone; anything else (a Java function) is called in place, as C Lua calls a
     * C function from a tail call, so that an error it raises is positioned at the {@code return}'s line and names
     * the value it failed to call.
     */
    public static Varargs tailcallOf(LuaValue f, Varargs args) {
        if (isLua(f)) {
            return LuaValue.tailcallOf(f, args);
        }
        if (!f.isfunction()) {
            LuaValue call = f.metatag(LuaValue.CALL);
            if (isLua(call)) {
                // A table called through a Lua __call is a proper tail call of that function too.
                return LuaValue.tailcallOf(call, LuaValue.varargsOf(f, args));
            }
        }
        return f.invoke(args);
    }

    private static boolean isLua(LuaValue f) {
        return f instanceof LuaClosure || f.getClass().getClassLoader() instanceof StraightLineCompiler.HandlerClassLoader;
    }

    /** {@code a .. b}, refused before it allocates more than the string limit, as the hook refuses it. */
    public static LuaValue concat(LuaValue a, LuaValue b) {
        LuaValue left = ConcatNumbers.operand(a, b);
        LuaValue right = ConcatNumbers.operand(b, a);
        if (bound(left) + bound(right) > SandboxLimits.maxStringLength()) {
            check(sizeOf(left) + sizeOf(right));
        }
        if (IntegerStrings.isSmall(left) && IntegerStrings.isSmall(right)) {
            // Both strings or integers: no metamethod can be involved, and the cached text is what LuaJ makes.
            return IntegerStrings.text(left).concat(IntegerStrings.text(right));
        }
        return left.concat(right);
    }

    /** One step of {@code a .. b .. c}, which luajc builds right to left in a buffer. */
    public static Buffer concat(LuaValue a, Buffer b) {
        // The chain's last operand is still the buffer's value (luajc made the buffer from it): as Lua writes it,
        // once it meets a string or a number.
        LuaValue pending = BUFFER_VALUE == null ? null : (LuaValue) BUFFER_VALUE.get(b);
        LuaValue left = a;
        if (pending != null) {
            LuaValue written = ConcatNumbers.operand(pending, a);
            if (written != pending) {
                b.setvalue(written);
                pending = written;
            }
            left = ConcatNumbers.operand(a, pending);
        } else if (a instanceof LuaDouble) {
            left = ConcatNumbers.operand(a, LuaValue.EMPTYSTRING);
        }
        int buffered = BUFFER_LENGTH == null ? 0 : (int) BUFFER_LENGTH.get(b);
        if (bound(left) + buffered > SandboxLimits.maxStringLength()) {
            check(sizeOf(left) + buffered);
        }
        if (BUFFER_VALUE != null && IntegerStrings.isSmall(left)) {
            if (pending != null && IntegerStrings.isSmall(pending)) {
                // The chain's last operand, not yet bytes: made into bytes once, from the cached text of a number,
                // with room for what the chain prepends (LuaJ sizes it exactly, then grows it at the next step).
                b.setvalue(IntegerStrings.text(pending));
                b.makeroom(PREPEND_ROOM, 0);
                pending = null;
            }
            if (pending == null || pending.isstring()) {
                // What Buffer.concatTo(LuaString / LuaNumber) does, a number's text made once instead of each time.
                return b.prepend(left instanceof LuaInteger i ? IntegerStrings.text(i) : (LuaString) left);
            }
        }
        return left.concat(b);
    }

    /**
     * At least {@link #sizeOf} and without formatting numbers (no Lua number needs more than 32 characters): the
     * exact size, which formats them a second time, is needed only near the limit.
     */
    private static long bound(LuaValue value) {
        if (value instanceof LuaString s) {
            return s.m_length;
        }
        return value.type() == LuaValue.TNUMBER ? 32 : 0;
    }

    private static long sizeOf(LuaValue value) {
        if (value instanceof LuaString s) {
            return s.m_length;
        }
        return value.type() == LuaValue.TNUMBER ? value.tojstring().length() : 0;
    }

    private static void check(long total) {
        int limit = SandboxLimits.maxStringLength();
        if (total > limit) {
            throw new LuaError("string concatenation (..): result of " + total
                    + " bytes exceeds the sandbox limit of " + limit + " bytes (max-string-length)");
        }
    }

    /**
     * The error a generated function lets out: positioned at its line, as the interpreter positions an error at the
     * innermost Lua function it passes, unless a deeper Lua function (compiled or interpreted) already did.
     */
    public static LuaError positioned(RuntimeException raised, String className, int lineDefined) {
        if (raised instanceof PositionedLuaError done) {
            return done;
        }
        LuaError error = raised instanceof LuaError e ? e : new LuaError(raised);
        BudgetHook hook = BudgetHook.boundToCurrentThread();
        boolean caught = hook != null && hook.insideProtectedCall();
        if (caught && raised instanceof RaisedError) {
            // A pcall of this coroutine catches it and returns its value, which error() positioned already: the
            // stack walks below (several microseconds) would find nothing Lua can see.
            return error;
        }
        CompiledCode handler = hook == null ? null : hook.compiledCode();
        int tailCall = handler instanceof CompiledHandler compiled ? compiled.tailCalledAt() : -1;
        int line = CompiledFrames.lineIfInnermost(raised, className, tailCall);
        if (line < 0) {
            return error;
        }
        java.util.function.Function<Class<?>, String> chunkOf = handler != null ? handler::chunkOf
                : type -> CompiledFrames.chunkOf(type, "?");
        Class<?> raisedIn = CompiledFrames.classOnStack(className);
        String chunk = raisedIn != null ? chunkOf.apply(raisedIn) : handler != null ? handler.chunkName() : "?";
        String fileline = chunk + ":" + line;
        Prototype p = raisedIn != null && raisedIn.getClassLoader() instanceof StraightLineCompiler.HandlerClassLoader
                loader && CompiledFrames.raisedByOwnOperation(raised, className) ? loader.prototype(className) : null;
        LuaValue globals = hook == null ? null : hook.globals();
        // Caught by a pcall, the error gives Lua its value only: the frames are not listed.
        String traceback = caught ? PositionedLuaError.UNLISTED
                : CompiledFrames.traceback(className, chunk, chunkOf, fileline, lineDefined);
        return PositionedLuaError.of(error, fileline, traceback,
                message -> Lua52Messages.rewordAtLine(message, p, line, globals));
    }

    private static VarHandle bufferField(String name, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(Buffer.class, MethodHandles.lookup())
                    .findVarHandle(Buffer.class, name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
