package io.github.luaactor.core.internal.sandbox;

import java.util.Arrays;

import io.github.luaactor.core.internal.stdlib.ErrorFunctions;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;

/**
 * The light call stack a {@link BudgetHook} keeps for interpreted code instead of LuaJ's debug call stack (which
 * halves speed): the running coroutine's functions with their registers and pcs, from which error positions,
 * {@code error}'s levels and tracebacks are read.
 * <p>
 * Static operations on the hook's fields, not an object of its own: the hook's per-instruction path reads the top
 * frame ({@code topCode}, {@code topRegisters}) with no extra load, and a coroutine switch swaps the arrays
 * ({@link CoroutineStacks}).
 */
final class CallFrames {
    /**
     * A stack no frame was pushed on yet: shared and empty, so an idle VM (or a coroutine that never calls into the
     * interpreter) holds no frame arrays (some 150 bytes); the first push makes room for {@link #FIRST_CAPACITY}.
     */
    static final LuaFunction[] NO_FUNCTIONS = {};
    static final LuaValue[][] NO_REGISTERS = {};
    static final int[] NO_PCS = {};
    private static final int FIRST_CAPACITY = 8;

    private CallFrames() {
    }

    /** Enters {@code f}; {@code frame} is its registers, or null for a Java function. */
    static void push(BudgetHook hook, LuaFunction f, LuaValue[] frame) {
        if (hook.depth > 0) {
            hook.pcs[hook.depth - 1] = hook.pc;
        }
        ensureCapacity(hook, hook.depth + 1);
        hook.registers[hook.depth] = frame;
        hook.stack[hook.depth++] = f;
        if (hook.depth > hook.deepest) {
            hook.deepest = hook.depth;
        }
        refreshTop(hook);
    }

    /** Leaves the innermost function, remembering it and its last pc for errors raised after it returned. */
    /** Whether a {@code pcall} or {@code xpcall} is on the running coroutine's stack. */
    static boolean insideProtectedCall(BudgetHook hook) {
        for (int i = hook.depth - 1; i >= 0; i--) {
            if (ErrorFunctions.isProtectedCall(hook.stack[i])) {
                return true;
            }
        }
        return false;
    }

    static void pop(BudgetHook hook) {
        if (hook.depth > 0) {
            hook.lastReturned = hook.stack[hook.depth - 1];
            hook.lastReturnedPc = hook.pc;
            hook.depth--;
            hook.stack[hook.depth] = null;
            hook.registers[hook.depth] = null;
            if (hook.depth > 0) {
                hook.pc = hook.pcs[hook.depth - 1];
            }
            refreshTop(hook);
        }
    }

    /** Caches the innermost frame's code and registers, which the hook reads on every instruction. */
    static void refreshTop(BudgetHook hook) {
        int depth = hook.depth;
        if (depth > 0 && hook.stack[depth - 1] instanceof LuaClosure closure) {
            hook.topCode = closure.p.code;
            hook.topRegisters = hook.registers[depth - 1];
        } else {
            hook.topCode = null;
            hook.topRegisters = null;
        }
    }

    static void ensureCapacity(BudgetHook hook, int size) {
        if (size > hook.stack.length) {
            int n = Math.max(size, Math.max(FIRST_CAPACITY, hook.stack.length * 2));
            hook.stack = Arrays.copyOf(hook.stack, n);
            hook.registers = Arrays.copyOf(hook.registers, n);
            hook.pcs = Arrays.copyOf(hook.pcs, n);
        }
    }

    /**
     * {@code chunk:line} of the instruction running now; when no Lua function is running (an error raised by a
     * function called in tail position, after its caller returned), the last instruction that ran.
     */
    static String position(BudgetHook hook) {
        String current = LuaPositions.innermost(hook.stack, hook.pcs, hook.depth, hook.pc);
        if (current == null && hook.compiled != null) {
            return hook.compiled.position();
        }
        if (current == null && hook.lastReturned instanceof LuaClosure closure) {
            return LuaPositions.at(closure.p, hook.lastReturnedPc);
        }
        return current;
    }

    /** {@code chunk:line} of the function at {@code level} (1: the innermost), or null (see {@code CallStack}). */
    static String where(BudgetHook hook, int level) {
        CompiledCode compiled = hook.compiled;
        if (compiled != null) {
            // Compiled functions keep their lines in their Java frames, between the interpreted ones.
            return LuaLevels.where(level, compiled::chunkOf, compiled::ownsFrame, hook.stack, hook.depth,
                    i -> positionOf(hook, i));
        }
        int i = hook.depth - level;
        return i < 0 ? null : positionOf(hook, i);
    }

    static String traceback(BudgetHook hook) {
        return LuaPositions.traceback(hook.stack, hook.pcs, hook.depth, hook.pc);
    }

    private static String positionOf(BudgetHook hook, int i) {
        return hook.stack[i] instanceof LuaClosure closure
                ? closure.p.source.tojstring() + ":"
                        + LuaPositions.lineAt(closure.p, i == hook.depth - 1 ? hook.pc : hook.pcs[i])
                : null;
    }
}
