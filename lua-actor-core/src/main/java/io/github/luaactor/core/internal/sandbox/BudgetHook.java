package io.github.luaactor.core.internal.sandbox;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

import io.github.luaactor.core.internal.stdlib.CallStack;
import io.github.luaactor.core.internal.stdlib.RandomFunctions;
import org.luaj.vm2.Globals;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * Counts VM instructions and watches the wall clock for one actor's VM. Set as {@code globals.debuglib} without
 * loading the debug library, so scripts see no {@code debug} table and pay only for a counter; LuaJ's own call-stack
 * tracking (which halves speed) is replaced by a light stack of functions for error positions.
 * <p>
 * An exceeded budget throws {@link Exceeded}, an {@link Error} that Lua's {@code pcall} cannot catch. Once exceeded,
 * every further instruction throws again, so a script cannot swallow it inside a coroutine either.
 * <p>
 * It also refuses a {@code ..} whose result would exceed the actor's max-string-length before the VM allocates it,
 * which needs the registers of the running function: hence one light call stack per coroutine, switched on
 * {@code globals.running}, so that a coroutine suspended mid-call cannot leave its frames on top of its resumer's.
 * Used by one thread at a time (the actor's baton holder).
 */
public final class BudgetHook extends DebugLib implements CallStack {
    /** How often (in instructions) the wall clock is read and the carrier thread offered to other actors. */
    private static final int CHECK_INTERVAL_MASK = (1 << 14) - 1;
    private static final int YIELD_INTERVAL_MASK = (1 << 18) - 1;
    /** The allocation charged per instruction of compiled code, which reports none: a small table store's worth. */
    private static final long COMPILED_BYTES_PER_INSTRUCTION = 8;
    /**
     * The hook of the handler running on this thread, for library functions shared by all VMs (pattern matching)
     * that charge their work to it.
     */
    private static final ThreadLocal<BudgetHook> RUNNING = new ThreadLocal<>();

    private long instructions;
    private long instructionLimit = Long.MAX_VALUE;
    private final MemoryMeter memory = new MemoryMeter();
    /** No deadline yet: the clock starts at the first check, which saves a clock read for every short handler. */
    private static final long DEADLINE_NOT_STARTED = Long.MIN_VALUE;

    private long deadlineNanos = Long.MAX_VALUE;
    private long timeoutNanos = Long.MAX_VALUE;
    private LuaFunction[] stack = new LuaFunction[8];
    private LuaValue[][] registers = new LuaValue[8][];
    private int[] pcs = new int[8];
    private int depth;
    /** The deepest {@code depth} since the last {@link #begin}: the register slots that may hold values. */
    private int deepest;
    private int pc;
    /** Code and registers of the innermost Lua function of the running coroutine, or null. */
    private int[] topCode;
    private LuaValue[] topRegisters;
    private Globals globals;
    private LuaThread stackOwner;
    private boolean followCoroutines;
    /** Call stacks of coroutines not running now; created on first use (most handlers never start a coroutine). */
    private Map<LuaThread, ParkedStack> parked;
    private LuaFunction lastReturned;
    /** The compiled handler of this turn, which reports no instructions: positions come from its Java frame. */
    private CompiledCode compiled;
    /** The budget error raised in this turn (compiled or interpreted code), or null: a resumer rethrows it. */
    private Exceeded compiledExceeded;
    private int lastReturnedPc;
    /**
     * The id of the thread on which this hook last bound itself in {@link #begin} or {@link #restore}, or 0: while
     * the current thread is that one, {@code RUNNING} holds this hook there, and {@code begin} skips the thread-local
     * write. An id (unique for the JVM's life) rather than the thread, which an idle actor must not keep alive.
     */
    private long boundThreadId;

    /** The actor's coroutine quotas, read by its {@link CoroutineGuard}; carried here as the one per-VM object. */
    private CoroutineQuota coroutineQuota = CoroutineQuota.DEFAULT;
    /** The VM's coroutines, once its {@code coroutine} library is loaded: released when the actor stops. */
    private CoroutineGuard coroutines;

    /** Sets the actor's coroutine quotas. */
    public void coroutineQuota(CoroutineQuota quota) {
        this.coroutineQuota = quota;
    }

    CoroutineQuota coroutineQuota() {
        return coroutineQuota;
    }

    void coroutines(CoroutineGuard guard) {
        this.coroutines = guard;
    }

    /**
     * Ends the threads of this VM's suspended coroutines: the VM is discarded (its actor stopped), and nothing will
     * resume them. Called by the last holder of the VM.
     */
    public void releaseCoroutines() {
        CoroutineGuard guard = coroutines;
        if (guard != null) {
            guard.releaseAll();
        }
    }

    /** This VM's math.random generator: the hook is the per-VM object a shared library function can reach. */
    private RandomFunctions.State random;

    RandomFunctions.State random() {
        if (random == null) {
            random = new RandomFunctions.State();
        }
        return random;
    }

    /** The VM this hook counts for. */
    Globals vm() {
        return globals;
    }

    /** Binds the hook to the VM whose {@code running} coroutine selects the call stack. */
    void attach(Globals vm) {
        this.globals = vm;
        this.stackOwner = vm.running;
    }

    /** Starts a fresh budget for a new handler. */
    public void begin(long instructionLimit, long timeoutNanos) {
        this.instructions = 0;
        memory.begin();
        this.instructionLimit = instructionLimit <= 0 ? Long.MAX_VALUE : instructionLimit;
        this.timeoutNanos = timeoutNanos <= 0 ? Long.MAX_VALUE : timeoutNanos;
        // Most handlers end long before the first clock check (every 2^14 instructions): start the clock there.
        this.deadlineNanos = timeoutNanos <= 0 ? Long.MAX_VALUE : DEADLINE_NOT_STARTED;
        this.depth = 0;
        this.lastReturned = null;
        this.compiled = null;
        this.compiledExceeded = null;
        // Registers of earlier turns may hold large strings; do not keep them alive between messages.
        Arrays.fill(registers, 0, Math.min(deepest, registers.length), null);
        deepest = 0;
        if (parked != null && !parked.isEmpty()) {
            parked.clear();
        }
        stackOwner = globals == null ? null : globals.running;
        refreshTop();
        long thread = Thread.currentThread().threadId();
        if (boundThreadId != thread) {
            RUNNING.set(this);
            boundThreadId = thread;
        }
    }

    /** The hook bound to the current thread, or null. */
    public static BudgetHook boundToCurrentThread() {
        return RUNNING.get();
    }

    /**
     * After a handler ran on a caller's thread: hands the thread back to the hook bound there before (null: none),
     * so a caller's thread does not keep this VM alive and a handler that made the call keeps its own budget.
     */
    public void unbindCurrentThread(BudgetHook previous) {
        if (boundThreadId == Thread.currentThread().threadId()) {
            boundThreadId = 0;
        }
        if (previous == null) {
            RUNNING.remove();
        } else {
            RUNNING.set(previous);
        }
    }

    /** Makes library work on this thread (a coroutine's) count against this hook's budget. */
    void bindToCurrentThread() {
        RUNNING.set(this);
    }

    /**
     * Charges one step of a library function (a pattern-matching step) as one instruction to the handler running
     * on this thread: instruction counting alone never sees a backtracking pattern that runs for minutes.
     */
    static void chargeLibraryStep() {
        BudgetHook hook = RUNNING.get();
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
        BudgetHook hook = RUNNING.get();
        if (hook != null && steps > 0) {
            hook.countMany(steps);
        }
    }

    private void countMany(long steps) {
        long before = instructions;
        long n = before + steps;
        instructions = n < before ? Long.MAX_VALUE : n;
        if (instructions > instructionLimit) {
            throw new Exceeded(false, "instruction limit of " + instructionLimit + " exceeded", position());
        }
        if ((before >>> 14) != (instructions >>> 14)) {
            checkClock();
            if ((before >>> 18) != (instructions >>> 18)) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000);
            }
        }
    }

    /** Saves this handler's budget and stack when it suspends in {@code ctx.send}. */
    public Saved save() {
        long remaining = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE
                : deadlineNanos == DEADLINE_NOT_STARTED ? timeoutNanos : deadlineNanos - System.nanoTime();
        return new Saved(instructions, instructionLimit, remaining, Arrays.copyOf(stack, depth),
                Arrays.copyOf(registers, depth), Arrays.copyOf(pcs, depth), pc, compiled, stackOwner,
                parked == null || parked.isEmpty() ? null : new IdentityHashMap<>(parked));
    }

    /** Restores a suspended handler's budget; time spent suspended does not count. */
    public void restore(Saved saved) {
        instructions = saved.instructions;
        instructionLimit = saved.instructionLimit;
        deadlineNanos = saved.remainingNanos == Long.MAX_VALUE ? Long.MAX_VALUE
                : System.nanoTime() + saved.remainingNanos;
        depth = saved.stack.length;
        deepest = Math.max(deepest, depth);
        ensureCapacity(depth);
        System.arraycopy(saved.stack, 0, stack, 0, depth);
        System.arraycopy(saved.registers, 0, registers, 0, depth);
        System.arraycopy(saved.pcs, 0, pcs, 0, depth);
        pc = saved.pc;
        compiled = saved.compiled;
        // The stacks belong to the coroutines they were saved for: a handler suspended inside a coroutine resumes
        // there, and the handlers that ran meanwhile cleared the parked stacks of its other coroutines. Without
        // them the hook would see no running Lua function and check no concatenation against max-string-length.
        compiledExceeded = null;
        stackOwner = saved.owner != null ? saved.owner : globals == null ? null : globals.running;
        if (saved.parked != null) {
            if (parked == null) {
                parked = new IdentityHashMap<>();
            }
            parked.clear();
            parked.putAll(saved.parked);
        } else if (parked != null) {
            parked.clear();
        }
        refreshTop();
        RUNNING.set(this);
        boundThreadId = Thread.currentThread().threadId();
    }

    /**
     * Starts a compiled handler: charges {@code n} instructions at once, as it runs no more than that and reports
     * none of them.
     */
    public void enterCompiled(CompiledCode handler, int n) {
        compiled = handler;
        instructions += n;
        if (instructions > instructionLimit) {
            throw new Exceeded(false, "instruction limit of " + instructionLimit + " exceeded",
                    handler.startPosition());
        }
    }

    /**
     * Charges {@code n} instructions from inside compiled code (at a function's entry and at each loop back-edge),
     * which reports none to the hook: bounds compiled loops as the per-instruction count bounds interpreted ones,
     * reading the clock and offering the carrier at the same intervals.
     */
    public void chargeCompiled(int n) {
        long before = instructions;
        long after = before + n;
        instructions = after;
        if (after > instructionLimit) {
            throw compiledExceeded(false, "instruction limit of " + instructionLimit + " exceeded");
        }
        // Compiled code reports no table or closure creation to the hook: a flat estimate per instruction makes the
        // retained size be measured now and then (what globals, ctx.state and upvalues hold; not the compiled
        // frames' locals, which the JVM keeps out of reach), and at the handler's end when it is due.
        if (memory.charge((long) n * COMPILED_BYTES_PER_INSTRUCTION)) {
            memory.measure(position(), registers, 0, globals);
        }
        if ((before & ~CHECK_INTERVAL_MASK) != (after & ~CHECK_INTERVAL_MASK)) {
            if (deadlineNanos != Long.MAX_VALUE) {
                long now = System.nanoTime();
                if (deadlineNanos == DEADLINE_NOT_STARTED) {
                    deadlineNanos = now + timeoutNanos;
                } else if (now - deadlineNanos > 0) {
                    throw compiledExceeded(true, "handler timeout exceeded");
                }
            }
            if ((before & ~YIELD_INTERVAL_MASK) != (after & ~YIELD_INTERVAL_MASK)) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000);
            }
        }
    }

    /**
     * The innermost Lua frame is the compiled code that charged: its position comes from its Java frame. Kept, so
     * that a resumer rethrowing a coroutine's budget error names the coroutine's line, as the interpreter does.
     */
    private Exceeded compiledExceeded(boolean time, String message) {
        compiledExceeded = new Exceeded(time, message, compiled != null ? compiled.position() : position());
        return compiledExceeded;
    }

    /** The compiled handler of this turn, or null when it is interpreted. */
    public CompiledCode compiledCode() {
        return compiled;
    }

    long instructions() {
        return instructions;
    }

    @Override
    public void onCall(LuaFunction f) {
        followRunningCoroutine();
        push(f, null);
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        followRunningCoroutine();
        push(c, stack);
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        followRunningCoroutine();
        this.pc = pc;
        if (topCode != null && pc < topCode.length) {
            int instruction = topCode[pc];
            switch (instruction & 0x3f) {
                case Lua.OP_CONCAT -> chargeAllocation(checkConcat(instruction) + RetainedSize.STRING_BYTES);
                case Lua.OP_NEWTABLE -> chargeAllocation(RetainedSize.TABLE_BYTES);
                case Lua.OP_SETTABLE, Lua.OP_SETTABUP -> chargeAllocation(RetainedSize.ENTRY_BYTES);
                case Lua.OP_SETLIST -> chargeAllocation(RetainedSize.ENTRY_BYTES * setListCount(instruction, v, top));
                case Lua.OP_CLOSURE -> chargeAllocation(RetainedSize.CLOSURE_BYTES + 2 * RetainedSize.UPVALUE_BYTES);
                default -> { }
            }
        }
        count();
    }

    /** Values one {@code SETLIST} stores: B, or with B = 0 those up to the top of the stack and the varargs. */
    private static long setListCount(int instruction, Varargs v, int top) {
        int b = instruction >>> 23;
        if (b != 0) {
            return b;
        }
        int a = (instruction >>> 6) & 0xff;
        return Math.max(0, top - a - 1) + (v == null ? 0 : v.narg());
    }

    /** The memory accounting of this VM's actor. */
    MemoryMeter memory() {
        return memory;
    }

    /** Sets the actor's memory limit in bytes (0: none); the actor does before each handler. */
    public void limitMemory(long bytes) {
        memory.limit(bytes);
    }

    /** An upper estimate of the bytes the actor's Lua values hold (see {@link MemoryMeter}). */
    public long memoryEstimate() {
        return memory.estimate();
    }

    /** How often the retained size was measured. */
    public long memoryMeasurements() {
        return memory.walks();
    }

    /**
     * At a handler's end: measures what the actor holds when the allocations since the last measurement could
     * have taken it over its limit, and throws if they did.
     */
    public void checkMemoryAtEnd() {
        if (memory.due()) {
            memory.measure(position(), registers, 0, globals);
        }
    }

    /** Charges {@code bytes} of allocation to the handler running on this thread (library functions do). */
    static void chargeAllocationOnThisThread(long bytes) {
        BudgetHook hook = RUNNING.get();
        if (hook != null && bytes > 0) {
            hook.chargeAllocation(bytes);
        }
    }

    private void chargeAllocation(long bytes) {
        if (memory.charge(bytes)) {
            memory.measure(position(), registers, depth, globals);
        }
    }

    private void count() {
        long n = ++instructions;
        if (n > instructionLimit) {
            throw kept(new Exceeded(false, "instruction limit of " + instructionLimit + " exceeded", position()));
        }
        if ((n & CHECK_INTERVAL_MASK) == 0) {
            checkClock();
            if ((n & YIELD_INTERVAL_MASK) == 0) {
                // Virtual threads are not preempted: a long handler gives its carrier to other actors now and then.
                // Thread.yield() would requeue it ahead of work submitted from outside the carrier pool; a timed
                // park requeues it behind.
                java.util.concurrent.locks.LockSupport.parkNanos(1_000);
            }
        }
    }

    /**
     * Throws the budget error again if the budget is spent. A coroutine that hit its budget reports it to its
     * resumer as an ordinary error; when the resumer has no instruction left to run (a tail call) the error would
     * otherwise end the handler as a script error, or even as a reply.
     */
    void rethrowIfExceeded() {
        if (memory.failure() != null) {
            throw memory.failure();
        }
        Exceeded first = compiledExceeded;
        if (first != null) {
            throw new Exceeded(first.isTime(), first.getMessage(), first.position());
        }
        if (instructions > instructionLimit) {
            throw new Exceeded(false, "instruction limit of " + instructionLimit + " exceeded", position());
        }
        checkClock();
    }

    private void checkClock() {
        if (deadlineNanos == Long.MAX_VALUE) {
            return;
        }
        long now = System.nanoTime();
        if (deadlineNanos == DEADLINE_NOT_STARTED) {
            deadlineNanos = now + timeoutNanos;
        } else if (now - deadlineNanos > 0) {
            throw kept(new Exceeded(true, "handler timeout exceeded", position()));
        }
    }

    /**
     * Keeps the first budget error of the turn where it was raised: a coroutine's resumer rethrows it with the
     * coroutine's line, which the resumer's own stack no longer holds.
     */
    private Exceeded kept(Exceeded exceeded) {
        if (compiledExceeded == null) {
            compiledExceeded = exceeded;
        }
        return exceeded;
    }

    /**
     * Refuses {@code R(A) := R(B) .. ... .. R(C)} when the strings and numbers in it sum to more than the limit;
     * returns the sum.
     */
    private long checkConcat(int instruction) {
        int b = instruction >>> 23;
        int c = (instruction >>> 14) & 0x1ff;
        LuaValue[] regs = topRegisters;
        if (regs == null || c >= regs.length) {
            return 0;
        }
        long total = 0;
        for (int r = b; r <= c; r++) {
            LuaValue value = regs[r];
            if (value instanceof LuaString s) {
                total += s.m_length;
            } else if (value != null && value.type() == LuaValue.TNUMBER) {
                total += value.tojstring().length();
            }
        }
        int limit = SandboxLimits.maxStringLength();
        if (total > limit) {
            throw new LuaError("string concatenation (..): result of " + total
                    + " bytes exceeds the sandbox limit of " + limit + " bytes (max-string-length)");
        }
        return total;
    }

    /**
     * From now on, follow coroutine switches: called when the VM's {@code coroutine} library is first used, before
     * any coroutine exists. Until then {@code globals.running} cannot change, and the check is saved on every
     * instruction.
     */
    void followCoroutines() {
        followCoroutines = true;
    }

    /** Swaps in the call stack of the coroutine that is running now, if it changed since the last event. */
    private void followRunningCoroutine() {
        if (!followCoroutines || globals == null) {
            return;
        }
        LuaThread running = globals.running;
        if (running == stackOwner) {
            return;
        }
        if (parked == null) {
            parked = new IdentityHashMap<>();
        }
        if (stackOwner != null) {
            parked.put(stackOwner, new ParkedStack(stack, registers, pcs, depth, pc));
        }
        ParkedStack resumed = parked.remove(running);
        if (resumed != null) {
            stack = resumed.stack;
            registers = resumed.registers;
            pcs = resumed.pcs;
            depth = resumed.depth;
            pc = resumed.pc;
        } else {
            stack = new LuaFunction[8];
            registers = new LuaValue[8][];
            pcs = new int[8];
            depth = 0;
        }
        stackOwner = running;
        refreshTop();
    }

    private void refreshTop() {
        if (depth > 0 && stack[depth - 1] instanceof LuaClosure closure) {
            topCode = closure.p.code;
            topRegisters = registers[depth - 1];
        } else {
            topCode = null;
            topRegisters = null;
        }
    }

    @Override
    public void onReturn() {
        followRunningCoroutine();
        if (depth > 0) {
            lastReturned = stack[depth - 1];
            lastReturnedPc = pc;
            depth--;
            stack[depth] = null;
            registers[depth] = null;
            if (depth > 0) {
                pc = pcs[depth - 1];
            }
            refreshTop();
        }
    }

    @Override
    public String traceback(int level) {
        return LuaPositions.traceback(stack, pcs, depth, pc);
    }

    /**
     * {@code chunk:line} of the instruction running now; when no Lua function is running (an error raised by a
     * function called in tail position, after its caller returned), the last instruction that ran.
     */
    public String position() {
        String current = LuaPositions.innermost(stack, pcs, depth, pc);
        if (current == null && compiled != null) {
            return compiled.position();
        }
        if (current == null && lastReturned instanceof LuaClosure closure) {
            return LuaPositions.at(closure.p, lastReturnedPc);
        }
        return current;
    }

    @Override
    public String where(int level) {
        followRunningCoroutine();
        if (compiled != null) {
            // Compiled functions keep their lines in their Java frames, between the interpreted ones.
            return LuaLevels.where(level, compiled.chunkName(), compiled::ownsFrame, stack, depth, this::positionOf);
        }
        int i = depth - level;
        return i < 0 ? null : positionOf(i);
    }

    private String positionOf(int i) {
        return stack[i] instanceof LuaClosure closure
                ? closure.p.source.tojstring() + ":" + LuaPositions.lineAt(closure.p, i == depth - 1 ? pc : pcs[i])
                : null;
    }

    private void push(LuaFunction f, LuaValue[] frame) {
        if (depth > 0) {
            pcs[depth - 1] = pc;
        }
        ensureCapacity(depth + 1);
        registers[depth] = frame;
        stack[depth++] = f;
        if (depth > deepest) {
            deepest = depth;
        }
        refreshTop();
    }

    private void ensureCapacity(int size) {
        if (size > stack.length) {
            int n = Math.max(size, stack.length * 2);
            stack = Arrays.copyOf(stack, n);
            registers = Arrays.copyOf(registers, n);
            pcs = Arrays.copyOf(pcs, n);
        }
    }

    /** A suspended handler's budget and call stack, put back by {@link #restore}. */
    public record Saved(long instructions, long instructionLimit, long remainingNanos, LuaFunction[] stack,
            LuaValue[][] registers, int[] pcs, int pc, CompiledCode compiled, LuaThread owner,
            Map<LuaThread, ParkedStack> parked) {
    }

    record ParkedStack(LuaFunction[] stack, LuaValue[][] registers, int[] pcs, int depth, int pc) {
    }

    /** Thrown when a budget runs out; an {@link Error} so that {@code pcall} lets it through. */
    static final class Exceeded extends Error {
        private final boolean time;
        private final String position;

        Exceeded(boolean time, String message, String position) {
            super(message, null, false, false);
            this.time = time;
            this.position = position;
        }

        boolean isTime() {
            return time;
        }

        String position() {
            return position;
        }
    }
}
