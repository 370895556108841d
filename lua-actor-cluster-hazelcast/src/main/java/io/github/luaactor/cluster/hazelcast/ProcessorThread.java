package io.github.luaactor.cluster.hazelcast;

/**
 * Marks the stretch of a Hazelcast partition thread during which it runs one of this module's entry processors.
 * Code reached from there (an ask completed on that thread, and whatever the asker chained to it) must not invoke a
 * partition operation itself: Hazelcast refuses that from a partition thread ("cannot make remote call") and a wait
 * there would hold up every partition of the thread. {@link Outbox} and {@link ClusterRouter} look at the mark and
 * hand such work to the member's flusher thread instead.
 */
final class ProcessorThread {
    private static final ThreadLocal<boolean[]> MARK = ThreadLocal.withInitial(() -> new boolean[1]);

    private ProcessorThread() {
    }

    /** Runs {@code work} with the mark set (nesting is not expected: processors do not call each other). */
    static void run(Runnable work) {
        boolean[] mark = MARK.get();
        boolean before = mark[0];
        mark[0] = true;
        try {
            work.run();
        } finally {
            mark[0] = before;
        }
    }

    /** Whether this thread is inside one of this module's entry processors. */
    static boolean isMarked() {
        // Partition threads are platform threads; a virtual thread (every actor's) is never marked and is not
        // given a thread-local map just to say so.
        return !Thread.currentThread().isVirtual() && MARK.get()[0];
    }
}
