package io.github.luaactor.core.internal.dispatch;

/**
 * When a drain loop gives its carrier thread to others: it looks every {@value #THROUGHPUT} messages, and hands on
 * when another actor's drainer waits for a carrier or when it has run for more than {@value #SLICE_NANOS} ns.
 * Virtual threads that are not actors' (recipients, the application's own) cannot be counted; the time bound is for
 * them. With nobody waiting, going on saves waking a second carrier only to hand it the same work.
 * <p>
 * One per run of a drain loop, on that loop's stack (it does not escape, so the JIT keeps it in registers).
 */
public final class TimeSlice {
    /** Messages handled between two looks at whether other actors wait for a carrier thread. */
    static final int THROUGHPUT = 128;
    /** The longest a drainer keeps its carrier while no other actor waits. */
    static final long SLICE_NANOS = 1_000_000;

    private final Dispatcher dispatcher;
    private int batch = THROUGHPUT;
    private long sliceStart;

    public TimeSlice(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Counts a handled message; true when the loop should continue on a fresh virtual thread, which queues behind the
     * other actors' work ({@code Thread.yield()} would let a busy drainer run again at once and starve the others).
     */
    public boolean handledOneShouldHandOn() {
        if (--batch != 0) {
            return false;
        }
        batch = THROUGHPUT;
        long now = System.nanoTime();
        if (sliceStart == 0) {
            sliceStart = now;
        }
        return dispatcher.drainersWaiting() || now - sliceStart > SLICE_NANOS;
    }
}
