package io.github.luaactor.core.internal.sandbox;

import java.util.List;
import java.util.function.Supplier;

import org.luaj.vm2.LuaValue;

/**
 * One actor's memory accounting. The VM charges an estimate of what it allocates (tables, table slots, closures,
 * concatenations, the results of string and list functions); what it retains can only have grown by at most that
 * much since the last measurement. So the retained size is measured ({@link RetainedSize}, a walk from the VM's
 * globals and the running handler's frames) only when the last measurement plus the allocations since could pass
 * the limit, and at least {@value #MIN_SLACK_DIVISOR}th of the limit apart, which keeps the walks rare: a handler
 * that allocates and drops temporaries costs one walk per that much allocation, an actor far under its limit none.
 * A measurement over the limit throws {@link Exceeded} inside the handler that allocated (within one message, so a
 * memory bomb stops at the limit) or at its end. Used by the actor's baton holder only.
 */
final class MemoryMeter {
    /** Walks are at least limit / this apart in charged allocation: the limit may be passed by up to that much. */
    static final int MIN_SLACK_DIVISOR = 8;

    private long limit;
    /** The last measurement, and the allocation charged since. */
    private long retained;
    private long allocatedSinceWalk;
    private long nextWalkAt = Long.MAX_VALUE;
    /**
     * What the actor holds outside its VM (its pending timers' messages), as of this turn's start and its own
     * charges since: timers that fire meanwhile make it an upper estimate until the next turn.
     */
    private long outside;
    /**
     * The JVM stack that the actor's deep Lua calls hold while they wait: resumers of a running coroutine and
     * suspended coroutines past their first stack segment ({@link StackSegments#heldBytes}).
     */
    private long stacks;
    /** Handlers suspended in {@code ctx.send}: their stacks, and the charge held for those that ran compiled code. */
    private SuspendedHandlers suspended;
    /** Allocation charged before the last measurement: the total charged is this plus {@code allocatedSinceWalk}. */
    private long allocatedBeforeWalk;
    /** The total charged when the running turn began, as if a resumed turn had never been suspended. */
    private long turnStart;
    private long walks;
    private long peak;
    /** Thrown in the running handler, for a resumer that saw it only as a coroutine's error; null otherwise. */
    private Exceeded failure;
    /**
     * Why the heap guard wants the running handler stopped (written by the JVM's notification thread), or null: the
     * handler fails at its next check ({@link #failIfStopRequested}), as a measurement over the limit would.
     */
    private volatile StopRequest stopRequest;

    /** A new handler starts. */
    void begin() {
        failure = null;
        stopRequest = null;
        turnStart = allocatedBeforeWalk + allocatedSinceWalk;
    }

    /**
     * The heap guard stops the running handler (any thread): it fails at its next check with {@code reason}, naming
     * the guard's threshold in bytes as the bound passed.
     */
    void requestStop(String reason, long thresholdBytes) {
        stopRequest = new StopRequest(reason, thresholdBytes);
    }

    private record StopRequest(String reason, long thresholdBytes) {
    }

    /**
     * Throws the heap guard's stop in the running handler, once: checked where the clock is (every few thousand
     * instructions, and before library work), so that a handler holding memory no walk sees (the locals of compiled
     * code) ends within a check interval of the guard's decision instead of running on to its timeout.
     */
    void failIfStopRequested(Supplier<String> position) {
        StopRequest request = stopRequest;
        if (request != null) {
            stopRequest = null;
            failure = new Exceeded(request.reason(), Exceeded.HEAP_GUARD, request.thresholdBytes(), estimate(true),
                    position.get());
            throw failure;
        }
    }

    /** The allocation charged to the running turn so far. */
    long turnAllocated() {
        return allocatedBeforeWalk + allocatedSinceWalk - turnStart;
    }

    Exceeded failure() {
        return failure;
    }

    void limit(long bytes) {
        if (bytes != limit) {
            limit = bytes;
            schedule();
        }
    }

    long limit() {
        return limit;
    }

    /** True when the charge means a measurement is due. */
    boolean charge(long bytes) {
        allocatedSinceWalk += bytes;
        return allocatedSinceWalk >= nextWalkAt;
    }

    /**
     * A handler suspends with these register stacks: the walks count what they hold until {@link #resumed}. When
     * {@code compiled} code ran in its turn, whose locals no walk can see, what the turn was charged until now is held
     * on the actor's account instead, and so is its message's estimate {@code messageBytes} (0 unless large; see
     * {@link SuspendedHandlers}).
     */
    void suspended(LuaValue[][] stack, List<LuaValue[][]> withParked, boolean compiled, long messageBytes) {
        if (suspended == null) {
            suspended = new SuspendedHandlers();
        }
        suspended.add(stack, withParked, turnAllocated(), compiled, messageBytes);
        if (compiled || messageBytes != 0) {
            schedule();
        }
    }

    /**
     * The handler suspended with {@code stack} resumed or was abandoned: what it held no longer counts, and a resumed
     * turn goes on counting its allocation from where it stopped. Returns whether compiled code ran in its turn.
     */
    boolean resumed(LuaValue[][] stack) {
        SuspendedHandlers.Resumed resumed = suspended == null ? null : suspended.remove(stack);
        if (resumed == null) {
            return false;
        }
        turnStart = allocatedBeforeWalk + allocatedSinceWalk - resumed.turnBytes();
        schedule();
        return resumed.compiled();
    }

    /** The charges held for suspended handlers that ran compiled code. */
    long suspendedCharges() {
        return suspended == null ? 0 : suspended.chargedBytes();
    }

    private List<List<LuaValue[][]>> suspendedGroups() {
        return suspended == null ? List.of() : suspended.stackGroups();
    }

    /** What the actor holds outside its VM now (at a turn's start). */
    void outside(long bytes) {
        if (bytes != outside) {
            outside = bytes;
            schedule();
        }
    }

    long outsideBytes() {
        return outside;
    }

    /** Whether holding {@code bytes} more outside the VM could take the actor over its limit. */
    boolean wouldExceedWith(long bytes) {
        return limit > 0 && retained + allocatedSinceWalk + outside + stacks + suspendedCharges() + bytes > limit;
    }

    /** Measures and throws when the actor holds more than its limit. */
    void measure(Supplier<String> position, LuaValue[][] frames, int depth, LuaValue... roots) {
        failIfStopRequested(position);
        measure(0, position, frames, depth, roots);
    }

    /**
     * The actor's deep calls hold {@code bytes} more of stack while they wait: measured first when that could take the
     * actor over its limit, and then thrown (the bytes are not taken) if it does.
     */
    void holdStack(long bytes, Supplier<String> position, LuaValue[][] frames, int depth, LuaValue... roots) {
        requireRoom(bytes, position, frames, depth, roots);
        stacks += bytes;
        schedule();
    }

    /** Throws (after a measurement) when holding {@code bytes} more would take the actor over its limit. */
    void requireRoom(long bytes, Supplier<String> position, LuaValue[][] frames, int depth, LuaValue... roots) {
        if (wouldExceedWith(bytes)) {
            stacks += bytes;
            try {
                measure(0, position, frames, depth, roots);
            } finally {
                stacks -= bytes;
            }
        }
    }

    /** What {@link #holdStack} took is no longer held: the calls run again, returned or were released. */
    void releaseStack(long bytes) {
        if (bytes != 0) {
            stacks -= bytes;
            schedule();
        }
    }

    /**
     * Measures, counting {@code extraOutside} more held outside the VM, and throws when that is more than the limit
     * (the extra is then not taken); otherwise the extra is held from now on.
     */
    void measure(long extraOutside, Supplier<String> position, LuaValue[][] frames, int depth,
            LuaValue... roots) {
        if (limit <= 0) {
            outside += extraOutside;
            return;
        }
        long inVm = RetainedSize.withFrames(limit, frames, depth,
                suspendedGroups(), roots);
        long size = inVm + outside + stacks + suspendedCharges() + extraOutside;
        walks++;
        retained = inVm;
        peak = Math.max(peak, size);
        allocatedBeforeWalk += allocatedSinceWalk;
        allocatedSinceWalk = 0;
        if (size <= limit) {
            outside += extraOutside;
        }
        schedule();
        if (size > limit) {
            // Measured again at the end of the next handler (due()), which may have let go of what was too much.
            nextWalkAt = limit / MIN_SLACK_DIVISOR;
            // Only a failure needs the position: for compiled code it is a stack walk.
            failure = new Exceeded("memory limit of " + limit + " bytes exceeded: the actor holds about " + size
                    + " bytes", Exceeded.MEMORY_LIMIT, limit, size, position.get());
            throw failure;
        }
    }

    /** Whether a measurement is due now (at a handler's end). */
    boolean due() {
        return allocatedSinceWalk >= nextWalkAt
                || (limit > 0 && retained + outside + stacks + suspendedCharges() > limit);
    }

    private void schedule() {
        if (limit <= 0) {
            nextWalkAt = Long.MAX_VALUE;
            return;
        }
        long room = limit - retained - outside - stacks - suspendedCharges();
        // Over the limit by what is held outside the walk's reach (deep stacks, suspended handlers): walk at the next
        // charge, which then fails the handler that allocates.
        nextWalkAt = room < 0 ? 0 : Math.max(room, limit / MIN_SLACK_DIVISOR);
    }

    /**
     * The last measured retained size, plus what was charged since, what is held outside the VM and the charges held
     * for suspended compiled handlers: an upper estimate of what the actor holds. While a turn that ran compiled code
     * is open ({@code compiledTurnOpen}), whatever that turn was charged may sit in JVM locals no walk sees, so it
     * counts in place of the allocation since the last walk when larger.
     */
    long estimate(boolean compiledTurnOpen) {
        long unwalked = compiledTurnOpen ? Math.max(allocatedSinceWalk, turnAllocated()) : allocatedSinceWalk;
        return retained + unwalked + outside + stacks + suspendedCharges();
    }

    long retained() {
        return retained;
    }

    long walks() {
        return walks;
    }

    long peak() {
        return peak;
    }

    /**
     * The memory limit is passed, or the heap guard stopped the handler; an {@link Error} so that {@code pcall} lets
     * it through.
     */
    static final class Exceeded extends Error {
        /** The settings that {@link #setting} names. */
        static final String MEMORY_LIMIT = "memory-limit";
        static final String HEAP_GUARD = "heap-guard-threshold";

        private final String setting;
        private final long limit;
        private final long size;
        private final String position;

        Exceeded(String message, String setting, long limit, long size, String position) {
            super(message, null, false, false);
            this.setting = setting;
            this.limit = limit;
            this.size = size;
            this.position = position;
        }

        /** The property that set the bound passed: {@link #MEMORY_LIMIT} or {@link #HEAP_GUARD}. */
        String setting() {
            return setting;
        }

        long limit() {
            return limit;
        }

        long size() {
            return size;
        }

        String position() {
            return position;
        }
    }
}
