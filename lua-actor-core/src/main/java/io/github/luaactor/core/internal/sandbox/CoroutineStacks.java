package io.github.luaactor.core.internal.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;

/**
 * The call stacks of a {@link BudgetHook} that are not running now: one per coroutine switched away from (a
 * coroutine suspended mid-call must not leave its frames on top of its resumer's), and a whole handler's, with its
 * budget, while it is suspended in {@code ctx.send} ({@link BudgetHook.Saved}). Static operations on the hook's
 * fields, like {@link CallFrames}; only coroutine switches and suspensions come here, never the per-instruction path.
 */
final class CoroutineStacks {
    private CoroutineStacks() {
    }

    /** Parks the stack of the coroutine that ran until now and takes up {@code running}'s (new if it has none). */
    static void switchTo(BudgetHook hook, LuaThread running) {
        if (hook.parked == null) {
            hook.parked = new IdentityHashMap<>();
        }
        if (hook.stackOwner != null) {
            hook.parked.put(hook.stackOwner,
                    new ParkedStack(hook.stack, hook.registers, hook.pcs, hook.depth, hook.pc));
        }
        ParkedStack resumed = hook.parked.remove(running);
        if (resumed != null) {
            hook.stack = resumed.stack;
            hook.registers = resumed.registers;
            hook.pcs = resumed.pcs;
            hook.depth = resumed.depth;
            hook.pc = resumed.pc;
        } else {
            hook.stack = CallFrames.NO_FUNCTIONS;
            hook.registers = CallFrames.NO_REGISTERS;
            hook.pcs = CallFrames.NO_PCS;
            hook.depth = 0;
        }
        hook.stackOwner = running;
        CallFrames.refreshTop(hook);
    }

    /** Forgets the parked stacks of an earlier turn's coroutines. */
    static void clear(BudgetHook hook) {
        if (hook.parked != null && !hook.parked.isEmpty()) {
            hook.parked.clear();
        }
    }

    /** A copy of the handler's budget and stacks, with the time it has left. */
    static BudgetHook.Saved save(BudgetHook hook) {
        long deadline = hook.deadlineNanos;
        long remainingNanos = deadline == Long.MAX_VALUE ? Long.MAX_VALUE
                : deadline == BudgetHook.DEADLINE_NOT_STARTED ? hook.timeoutNanos : deadline - System.nanoTime();
        int depth = hook.depth;
        return new BudgetHook.Saved(hook.instructions, hook.instructionLimit, remainingNanos,
                Arrays.copyOf(hook.stack, depth), Arrays.copyOf(hook.registers, depth), Arrays.copyOf(hook.pcs, depth),
                hook.pc, hook.compiled, hook.stackOwner,
                hook.parked == null || hook.parked.isEmpty() ? null : new IdentityHashMap<>(hook.parked),
                hook.callDepth, hook.callCheck);
    }

    /** Puts back what {@link #save} copied; the time spent suspended does not count. */
    static void restore(BudgetHook hook, BudgetHook.Saved saved) {
        hook.instructions = saved.instructions();
        hook.instructionLimit = saved.instructionLimit();
        hook.deadlineNanos = saved.remainingNanos() == Long.MAX_VALUE ? Long.MAX_VALUE
                : System.nanoTime() + saved.remainingNanos();
        hook.compiled = saved.compiled();
        int depth = saved.stack().length;
        hook.depth = depth;
        hook.deepest = Math.max(hook.deepest, depth);
        CallFrames.ensureCapacity(hook, depth);
        System.arraycopy(saved.stack(), 0, hook.stack, 0, depth);
        System.arraycopy(saved.registers(), 0, hook.registers, 0, depth);
        System.arraycopy(saved.pcs(), 0, hook.pcs, 0, depth);
        hook.pc = saved.pc();
        hook.callDepth = saved.callDepth();
        hook.callCheck = saved.callCheck();
        // The stacks belong to the coroutines they were saved for: a handler suspended inside a coroutine resumes
        // there, and the handlers that ran meanwhile cleared the parked stacks of its other coroutines. Without
        // them the hook would see no running Lua function and check no concatenation against max-string-length.
        hook.stackOwner = saved.owner() != null ? saved.owner() : hook.globals == null ? null : hook.globals.running;
        if (saved.parked() != null) {
            if (hook.parked == null) {
                hook.parked = new IdentityHashMap<>();
            }
            hook.parked.clear();
            hook.parked.putAll(saved.parked());
        } else if (hook.parked != null) {
            hook.parked.clear();
        }
        CallFrames.refreshTop(hook);
    }

    /** The register stacks a suspension keeps: the handler's, and those of its parked coroutines. */
    static List<LuaValue[][]> registerStacks(BudgetHook.Saved saved) {
        if (saved.parked() == null) {
            return List.<LuaValue[][]>of(saved.registers());
        }
        List<LuaValue[][]> stacks = new ArrayList<>(saved.parked().size() + 1);
        stacks.add(saved.registers());
        for (ParkedStack parked : saved.parked().values()) {
            stacks.add(Arrays.copyOf(parked.registers(), parked.depth()));
        }
        return stacks;
    }

    /** The call stack of a coroutine that is not running. */
    record ParkedStack(LuaFunction[] stack, LuaValue[][] registers, int[] pcs, int depth, int pc) {
    }
}
