package io.github.luaactor.core.internal.dispatch;

/**
 * One drainer thread's stretch of running drain loops one after another ({@link Dispatcher#handOn}). While it is
 * young (under {@link TimeSlice#SLICE_NANOS} since it began), a drain loop that hands on only queues itself and this
 * thread takes the oldest queued loop next; once old, the thread ends so that work the dispatcher cannot see (Java
 * recipients, the application's own virtual threads) gets the carrier, and it starts a thread from outside for each
 * hand-on it still owes.
 * <p>
 * Touched only by its own thread.
 */
final class DrainerRun {
    private static final ThreadLocal<DrainerRun> CURRENT = new ThreadLocal<>();

    private final Dispatcher dispatcher;
    private final long began = System.nanoTime();
    /** Hand-ons queued on the promise that this thread takes a loop next, not taken yet. */
    private int owed;

    private DrainerRun(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    static DrainerRun begin(Dispatcher dispatcher) {
        DrainerRun run = new DrainerRun(dispatcher);
        CURRENT.set(run);
        return run;
    }

    /** The calling thread's run for {@code dispatcher}, or null on any other thread. */
    static DrainerRun current(Dispatcher dispatcher) {
        DrainerRun run = CURRENT.get();
        return run != null && run.dispatcher == dispatcher ? run : null;
    }

    boolean young() {
        return System.nanoTime() - began < TimeSlice.SLICE_NANOS;
    }

    /** True (and counted) when this thread will take the next loop itself, so a hand-on needs no thread. */
    boolean owesNext() {
        if (!young()) {
            return false;
        }
        owed++;
        return true;
    }

    /** This thread took a queued loop: it pays one hand-on it owed, if any. */
    void took() {
        if (owed > 0) {
            owed--;
        }
    }

    /** The queue was empty when this thread looked: every loop it promised to take has been taken by others. */
    void foundQueueEmpty() {
        owed = 0;
    }

    /** Ends the run; returns how many queued loops still need a thread. */
    int end() {
        CURRENT.remove();
        return owed;
    }
}
