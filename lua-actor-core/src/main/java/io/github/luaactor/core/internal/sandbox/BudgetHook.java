package io.github.luaactor.core.internal.sandbox;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.github.luaactor.core.internal.naming.InterpretedSite;
import io.github.luaactor.core.internal.naming.Lua52Messages;
import io.github.luaactor.core.internal.stdlib.CallStack;
import io.github.luaactor.core.internal.stdlib.RandomFunctions;
import org.luaj.vm2.Globals;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
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
 * An exceeded budget throws {@link BudgetExceeded}, an {@link Error} that Lua's {@code pcall} cannot catch. Once
 * exceeded, every further instruction throws again, so a script cannot swallow it inside a coroutine either.
 * <p>
 * It also refuses a {@code ..} whose result would exceed the actor's max-string-length before the VM allocates it,
 * which needs the registers of the running function: hence one light call stack per coroutine, switched on
 * {@code globals.running}, so that a coroutine suspended mid-call cannot leave its frames on top of its resumer's.
 * Used by one thread at a time (the actor's baton holder).
 * <p>
 * The hook keeps the per-instruction path (counting, the clock, what an instruction allocates, the compiled-code
 * charge) and the fields; the rest are static operations on those fields in classes beside it, so the hot path
 * reads the same fields with no extra load: the call stack and positions ({@link CallFrames}), the stacks of
 * coroutines not running and of a suspended handler ({@link CoroutineStacks}), library work
 * ({@link LibraryCharges}), a resumer rethrowing a coroutine's budget error ({@link CoroutineGuard}).
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
    static final ThreadLocal<BudgetHook> RUNNING = new ThreadLocal<>();

    // Package-private: the classes beside the hook (see above) work on these fields.
    /** Turns begun, modulo 2^32 (see {@link #turns}): an int, so that an idle actor grows by no more than padding. */
    private int turns;
    long instructions;
    long instructionLimit = Long.MAX_VALUE;
    final MemoryMeter memory = new MemoryMeter();
    /** No deadline yet: the clock starts at the first check, which saves a clock read for every short handler. */
    static final long DEADLINE_NOT_STARTED = Long.MIN_VALUE;

    long deadlineNanos = Long.MAX_VALUE;
    long timeoutNanos = Long.MAX_VALUE;
    /** The running coroutine's interpreted call stack ({@link CallFrames}): functions, registers, pcs. */
    LuaFunction[] stack = CallFrames.NO_FUNCTIONS;
    LuaValue[][] registers = CallFrames.NO_REGISTERS;
    int[] pcs = CallFrames.NO_PCS;
    int depth;
    /** The deepest {@code depth} since the last {@link #begin}: the register slots that may hold values. */
    int deepest;
    int pc;
    /** Code and registers of the innermost Lua function of the running coroutine, or null. */
    int[] topCode;
    LuaValue[] topRegisters;
    Globals globals;
    LuaThread stackOwner;
    /**
     * Follow coroutine switches: set when the VM's {@code coroutine} library is first used, before any coroutine
     * exists ({@link CoroutineGuard}). Until then {@code globals.running} cannot change, and the check is saved on
     * every instruction.
     */
    boolean followCoroutines;
    /** Call stacks of coroutines not running now; created on first use (most handlers never start a coroutine). */
    Map<LuaThread, CoroutineStacks.ParkedStack> parked;
    LuaFunction lastReturned;
    /** The compiled handler of this turn, which reports no instructions: positions come from its Java frame. */
    CompiledCode compiled;
    /**
     * Whether compiled code ran in this turn (a module function the interpreted handler called, too): if the turn
     * suspends in {@code ctx.send}, its JVM locals may hold values no walk sees ({@link MemoryMeter#suspended}).
     */
    boolean compiledRan;
    /** The budget error raised in this turn (compiled or interpreted code), or null: a resumer rethrows it. */
    BudgetExceeded compiledExceeded;
    int lastReturnedPc;
    /** Where the interpreter last saw an error raised, for its message's variable name ({@link #traceback}). */
    InterpretedSite errorSite;

    /**
     * Lua functions active on the running coroutine's stack ({@link StackSegments}), and the most that the running
     * thread's stack segment takes without a check: its end, or the actor's {@code max-call-depth} if that is nearer.
     */
    int callDepth;
    int callCheck = StackSegments.CALLS_PER_SEGMENT;

    /** The actor's coroutine quotas, read by its {@link CoroutineGuard}; carried here as the one per-VM object. */
    CoroutineQuota coroutineQuota = CoroutineQuota.DEFAULT;
    /** The VM's coroutines, once its {@code coroutine} library is loaded: released when the actor stops. */
    CoroutineGuard coroutines;

    /** Sets the actor's coroutine quotas. */
    public void coroutineQuota(CoroutineQuota quota) {
        this.coroutineQuota = quota;
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

    /** The VM's globals, which compiled code's error messages read (running no code) to name what failed. */
    public Globals globals() {
        return globals;
    }

    /** Binds the hook to the VM whose {@code running} coroutine selects the call stack. */
    void attach(Globals vm) {
        this.globals = vm;
        this.stackOwner = vm.running;
    }

    /** Starts a fresh budget for a new handler. */
    public void begin(long instructionLimit, long timeoutNanos) {
        this.turns++;
        this.instructions = 0;
        memory.begin();
        this.instructionLimit = instructionLimit <= 0 ? Long.MAX_VALUE : instructionLimit;
        this.timeoutNanos = timeoutNanos <= 0 ? Long.MAX_VALUE : timeoutNanos;
        // Most handlers end long before the first clock check (every 2^14 instructions): start the clock there.
        this.deadlineNanos = timeoutNanos <= 0 ? Long.MAX_VALUE : DEADLINE_NOT_STARTED;
        this.depth = 0;
        this.callDepth = 0;
        this.callCheck = StackSegments.firstCheck(this);
        this.lastReturned = null;
        this.compiled = null;
        this.compiledRan = false;
        this.compiledExceeded = null;
        this.errorSite = null;
        // Registers of earlier turns may hold large strings; do not keep them alive between messages.
        Arrays.fill(registers, 0, Math.min(deepest, registers.length), null);
        deepest = 0;
        CoroutineStacks.clear(this);
        stackOwner = globals == null ? null : globals.running;
        CallFrames.refreshTop(this);
        // Read before written: most turns run where this hook is bound already. Asked of the thread itself, not of a
        // remembered thread id: one drainer thread runs several actors' turns one after another (DrainerRun), and a
        // coroutine or another actor's turn may have bound another hook there since.
        if (RUNNING.get() != this) {
            RUNNING.set(this);
        }
    }

    /** How many turns this hook has begun, modulo 2^32: tells one turn from the next. */
    public int turns() {
        return turns;
    }

    /** Instructions charged to the current (or last) turn so far. */
    public long instructionCount() {
        return instructions;
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
     * Saves this handler's budget and stack when it suspends in {@code ctx.send}; {@code messageBytes}, the estimate
     * of the message it handles if that is large (else 0), stays on the actor's account while it waits, and so does
     * the stack of its calls past the first segment.
     */
    public Saved save(long messageBytes) {
        long stackBytes = StackSegments.heldBytes(callDepth);
        if (stackBytes != 0) {
            // A deep handler that would take the actor over its limit fails at its ctx.send instead of waiting.
            memory.requireRoom(stackBytes, this::position, registers, depth, globals);
        }
        Saved saved = CoroutineStacks.save(this);
        memory.suspended(saved.registers(), saved.parked() == null ? null : CoroutineStacks.registerStacks(saved),
                compiledRan || compiled != null, messageBytes + stackBytes);
        return saved;
    }

    /**
     * The running coroutine's deep calls wait from now on ({@link StackSegments#heldBytes}): they count towards the
     * memory limit, which throws here when they take the actor over it.
     */
    void holdStack(long bytes) {
        if (bytes != 0) {
            memory.holdStack(bytes, this::position, registers, depth, globals);
        }
    }

    /** Deep calls that {@link #holdStack} counted run again, returned, or were released. */
    void releaseStack(long bytes) {
        memory.releaseStack(bytes);
    }

    /** A suspended handler that will not resume (its actor stopped): what it held no longer counts. */
    public void forget(Saved saved) {
        memory.resumed(saved.registers());
    }

    /** Restores a suspended handler's budget; time spent suspended does not count. */
    public void restore(Saved saved) {
        boolean ranCompiled = memory.resumed(saved.registers());
        CoroutineStacks.restore(this, saved);
        compiledRan = ranCompiled;
        compiledExceeded = null;
        RUNNING.set(this);
    }

    /**
     * Starts a compiled handler: charges {@code n} instructions at once, as it runs no more than that and reports
     * none of them.
     */
    public void enterCompiled(CompiledCode handler, int n) {
        compiled = handler;
        instructions += n;
        if (instructions > instructionLimit) {
            throw new BudgetExceeded(false, "instruction limit of " + instructionLimit + " exceeded",
                    handler.startPosition());
        }
    }

    /**
     * Charges {@code n} instructions from inside compiled code (at a function's entry and at each loop back-edge),
     * which reports none to the hook: bounds compiled loops as the per-instruction count bounds interpreted ones,
     * reading the clock and offering the carrier at the same intervals.
     */
    public void chargeCompiled(int n) {
        compiledRan = true;
        long before = instructions;
        long after = before + n;
        instructions = after;
        // Compiled code reports no table or closure creation to the hook: a flat estimate per instruction makes the
        // retained size be measured now and then (what globals, ctx.state and upvalues hold; not the compiled
        // frames' locals, which the JVM keeps out of reach), and at the handler's end when it is due.
        boolean measure = memory.charge((long) n * COMPILED_BYTES_PER_INSTRUCTION);
        // The common case in few bytecodes, so that the JIT inlines it into every compiled loop's back-edge.
        if (measure || after > instructionLimit
                || (before & ~CHECK_INTERVAL_MASK) != (after & ~CHECK_INTERVAL_MASK)) {
            chargedPastACheck(before, after, measure);
        }
    }

    /**
     * A Lua function (compiled or interpreted) is entered: counted, or refused with Lua's {@code stack overflow} past
     * {@code max-call-depth}. True when this thread's stack segment is full: the caller then runs the function on a
     * fresh one ({@link StackSegments#onFreshStack}), where it enters again, and counts nothing here.
     */
    public boolean enterCall() {
        int d = callDepth + 1;
        if (d > callCheck) {
            return StackSegments.full(this, d);
        }
        callDepth = d;
        return false;
    }

    /** A Lua function that {@link #enterCall} counted returned or raised. */
    public void exitCall() {
        callDepth--;
    }

    /**
     * Makes {@code packed} (a value this returned, or {@link StackSegments#freshStack} for a new stack) the running
     * coroutine's call count and check; returns the ones replaced, packed in a long.
     */
    long swapCallDepth(long packed) {
        long before = ((long) callDepth << 32) | (callCheck & 0xffffffffL);
        callDepth = (int) (packed >> 32);
        callCheck = (int) packed;
        return before;
    }

    /** The rare part of {@link #chargeCompiled}: a spent budget, a measurement due, or the clock to read. */
    private void chargedPastACheck(long before, long after, boolean measure) {
        if (after > instructionLimit) {
            throw compiledExceeded(false, "instruction limit of " + instructionLimit + " exceeded");
        }
        if (measure) {
            memory.measure(this::position, registers, 0, globals);
        }
        if ((before & ~CHECK_INTERVAL_MASK) != (after & ~CHECK_INTERVAL_MASK)) {
            memory.failIfStopRequested(this::compiledPosition);
            if (deadlineNanos != Long.MAX_VALUE) {
                long now = System.nanoTime();
                if (deadlineNanos == DEADLINE_NOT_STARTED) {
                    deadlineNanos = now + timeoutNanos;
                } else if (now - deadlineNanos > 0) {
                    throw compiledExceeded(true, "handler timeout exceeded");
                }
            }
            if ((before & ~YIELD_INTERVAL_MASK) != (after & ~YIELD_INTERVAL_MASK)) {
                LockSupport.parkNanos(1_000);
            }
        }
    }

    /**
     * The innermost Lua frame is the compiled code that charged: its position comes from its Java frame. Kept, so
     * that a resumer rethrowing a coroutine's budget error names the coroutine's line, as the interpreter does.
     */
    private BudgetExceeded compiledExceeded(boolean time, String message) {
        compiledExceeded = new BudgetExceeded(time, message, compiledPosition());
        return compiledExceeded;
    }

    private String compiledPosition() {
        return compiled != null ? compiled.position() : position();
    }

    /** Makes {@code code} the running compiled code again, after a module's chunk it called returned. */
    public void resumeCompiled(CompiledCode code) {
        compiled = code;
    }

    /** The compiled handler of this turn, or null when it is interpreted. */
    public CompiledCode compiledCode() {
        return compiled;
    }

    @Override
    public void onCall(LuaFunction f) {
        followRunningCoroutine();
        CallFrames.push(this, f, null);
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        followRunningCoroutine();
        CallFrames.push(this, c, stack);
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        followRunningCoroutine();
        this.pc = pc;
        if (topCode != null && pc < topCode.length) {
            int instruction = topCode[pc];
            switch (instruction & 0x3f) {
                case Lua.OP_CONCAT -> {
                    ConcatNumbers.normalize(instruction, topRegisters);
                    chargeAllocation(
                            CappedStringFunctions.checkConcat(instruction, topRegisters) + RetainedSize.STRING_BYTES);
                }
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

    /** Sets the actor's memory limit in bytes (0: none); the actor does before each handler. */
    public void limitMemory(long bytes) {
        memory.limit(bytes);
    }

    /**
     * Charges a large message the handler received (a reply to its {@code ctx.send}) as an allocation of
     * {@code bytes}, since it becomes the handler's Lua values, and its conversion as work (one instruction per
     * {@value MeteredLibraryFunctions#BYTES_PER_STEP} bytes of the estimate, about one per entry). Throws the
     * memory-limit error when that is due, or the budget error.
     */
    public void chargeReceived(long bytes) {
        chargeAllocation(bytes);
        LibraryCharges.countMany(this, bytes / MeteredLibraryFunctions.BYTES_PER_STEP);
    }

    /** At a turn's start: what the actor holds outside its VM (its pending timers' messages). */
    public void holdsOutside(long bytes) {
        memory.outside(bytes);
    }

    /**
     * Before the actor holds {@code bytes} more outside its VM (a timer's message): throws the memory-limit error at
     * the script's position, as an allocation would, when that takes the actor over its limit.
     */
    public void chargeOutside(long bytes) {
        if (memory.wouldExceedWith(bytes)) {
            memory.measure(bytes, this::position, registers, depth, globals);
        } else {
            memory.outside(memory.outsideBytes() + bytes);
        }
    }

    /**
     * An upper estimate of the bytes the actor's Lua values hold (see {@link MemoryMeter}); {@code turnRunning} when a
     * handler runs now, whose compiled code may hold in its locals what its turn allocated. Read racily by other
     * threads (statistics, the heap guard).
     */
    public long memoryEstimate(boolean turnRunning) {
        return memory.estimate(turnRunning && (compiledRan || compiled != null));
    }

    /**
     * The heap guard stops the running handler (called from another thread): it fails with
     * {@code MemoryLimitExceededException} and {@code reason} at its next check of the clock, within a few thousand
     * instructions or before its next library call that charges work.
     */
    public void requestHeapGuardStop(String reason, long thresholdBytes) {
        memory.requestStop(reason, thresholdBytes);
    }

    /**
     * What the last measurement found in the VM plus the charges held for suspended compiled handlers, without the
     * allocation since (mostly garbage) or what is held outside the VM. Read by senders, racily, to admit a large
     * message.
     */
    public long memoryHeldInVm() {
        return memory.retained() + memory.suspendedCharges();
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
            memory.measure(this::position, registers, 0, globals);
        }
    }

    /** Charges an allocation; measures what the actor retains when the estimate says it may be over its limit. */
    void chargeAllocation(long bytes) {
        if (memory.charge(bytes)) {
            memory.measure(this::position, registers, depth, globals);
        }
    }

    /** Counts one instruction (or library step) and, at the intervals above, reads the clock and offers the carrier. */
    void count() {
        long n = ++instructions;
        if (n > instructionLimit) {
            throw kept(new BudgetExceeded(false, "instruction limit of " + instructionLimit + " exceeded",
                    position()));
        }
        if ((n & CHECK_INTERVAL_MASK) == 0) {
            checkClock();
            if ((n & YIELD_INTERVAL_MASK) == 0) {
                // Virtual threads are not preempted: a long handler gives its carrier to other actors now and then.
                // Thread.yield() would requeue it ahead of work submitted from outside the carrier pool; a timed
                // park requeues it behind.
                LockSupport.parkNanos(1_000);
            }
        }
    }

    /**
     * Starts the clock at the first check, then throws once the handler is past its deadline; throws the heap guard's
     * stop when it asked for one.
     */
    void checkClock() {
        memory.failIfStopRequested(this::position);
        if (deadlineNanos == Long.MAX_VALUE) {
            return;
        }
        long now = System.nanoTime();
        if (deadlineNanos == DEADLINE_NOT_STARTED) {
            deadlineNanos = now + timeoutNanos;
        } else if (now - deadlineNanos > 0) {
            throw kept(new BudgetExceeded(true, "handler timeout exceeded", position()));
        }
    }

    /**
     * Keeps the first budget error of the turn where it was raised: a coroutine's resumer rethrows it with the
     * coroutine's line, which the resumer's own stack no longer holds.
     */
    private BudgetExceeded kept(BudgetExceeded exceeded) {
        if (compiledExceeded == null) {
            compiledExceeded = exceeded;
        }
        return exceeded;
    }

    /** Swaps in the call stack of the coroutine that is running now, if it changed since the last event. */
    void followRunningCoroutine() {
        if (followCoroutines && globals != null) {
            LuaThread running = globals.running;
            if (running != stackOwner) {
                CoroutineStacks.switchTo(this, running);
            }
        }
    }

    /**
     * Whether an error raised now is caught by a {@code pcall} or {@code xpcall} of the running coroutine, which
     * hands Lua the error's value and nothing else: compiled code then skips the traceback it would list.
     */
    public boolean insideProtectedCall() {
        followRunningCoroutine();
        return CallFrames.insideProtectedCall(this);
    }

    @Override
    public void onReturn() {
        followRunningCoroutine();
        CallFrames.pop(this);
    }

    /**
     * Called by the interpreter when an error first leaves a Lua frame, which is still the innermost one here: its
     * instruction and registers are kept for the error's Lua 5.2 message ({@link #lua52Message}), written later.
     */
    @Override
    public String traceback(int level) {
        followRunningCoroutine();
        errorSite = depth > 0 ? InterpretedSite.of(stack[depth - 1], pc, registers[depth - 1]) : null;
        return CallFrames.traceback(this);
    }

    @Override
    public String lua52Message(String fileline, String message) {
        InterpretedSite site = errorSite;
        return Lua52Messages.reword(message, site != null && site.fileline().equals(fileline) ? site : null);
    }

    /**
     * {@code chunk:line} of the instruction running now; when no Lua function is running (an error raised by a
     * function called in tail position, after its caller returned), the last instruction that ran.
     */
    public String position() {
        return CallFrames.position(this);
    }

    @Override
    public String where(int level) {
        followRunningCoroutine();
        return CallFrames.where(this, level);
    }

    /** A suspended handler's budget and call stack, put back by {@link #restore}. */
    public record Saved(long instructions, long instructionLimit, long remainingNanos, LuaFunction[] stack,
            LuaValue[][] registers, int[] pcs, int pc, CompiledCode compiled, LuaThread owner,
            Map<LuaThread, CoroutineStacks.ParkedStack> parked, int callDepth, int callCheck) {
    }
}
