package io.github.luaactor.core.internal.actor;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

import io.github.luaactor.core.ActorStatistics;
import io.github.luaactor.core.MemoryLimitExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM-wide guard against a full heap. The JVM tells it, after a garbage collection, that a heap pool is still
 * fuller than the threshold (a collection usage threshold: live data, not garbage that the next collection frees).
 * From then until a collection brings every pool back under it, new messages to any actor are refused with
 * {@link MemoryLimitExceededException}, and the actor with the largest memory estimate is stopped at once (its
 * queued messages become dead letters, its failure is its last error; a handler it is running fails within a check
 * interval); another only once that stop ended and a later collection still finds the heap full. The estimate counts what a running compiled handler's turn allocated, which its JVM locals may hold
 * out of the walks' reach. One per JVM, as the heap is: the threshold is that of the system that registered last.
 */
public final class HeapGuard {
    /** Fraction of a heap pool's maximum, after a collection, at which the guard acts. */
    public static final double DEFAULT_THRESHOLD = 0.9;
    private static final Logger LOG = LoggerFactory.getLogger(HeapGuard.class);
    private static final HeapGuard INSTANCE = new HeapGuard();
    private static final long RECHECK_MILLIS = 100;
    /** Rechecks with no garbage collection after which the guard asks for one (a second). */
    private static final int COLLECTION_NUDGE_CHECKS = 10;
    private static final long STOP_WAIT_NANOS = 10_000_000_000L;

    private final Set<ActorRuntime> runtimes = ConcurrentHashMap.newKeySet();
    private final NotificationListener listener = this::onNotification;
    private volatile boolean refusing;
    private volatile long usedAfterCollection;
    private volatile long thresholdBytes;
    private boolean listening;
    /** The actor stopped last, until {@link #stillStopping} lets the guard stop another; notification thread only. */
    private ActorCell lastStopped;
    private long lastStopNanos;
    private long collectionsAfterStop = -1;

    private HeapGuard() {
    }

    /** Whether new work is refused now; one volatile read on every send. */
    static boolean refusing() {
        return INSTANCE.refusing;
    }

    static MemoryLimitExceededException refusal(String actor) {
        HeapGuard guard = INSTANCE;
        return new MemoryLimitExceededException(actor, "the JVM heap is nearly full (" + guard.usedAfterCollection
                + " bytes in use after a collection, threshold " + guard.thresholdBytes
                + " bytes): new messages are refused until a collection frees memory (heap-guard-threshold)", null, 0,
                guard.thresholdBytes, guard.usedAfterCollection);
    }

    /** Guards {@code runtime}'s actors; {@code threshold} in (0, 1], or 0 to leave the threshold as it is. */
    static synchronized void register(ActorRuntime runtime, double threshold) {
        INSTANCE.runtimes.add(runtime);
        if (threshold > 0) {
            INSTANCE.arm(threshold);
        }
    }

    static synchronized void unregister(ActorRuntime runtime) {
        INSTANCE.runtimes.remove(runtime);
        if (INSTANCE.runtimes.isEmpty()) {
            INSTANCE.disarm();
        }
    }

    private void arm(double threshold) {
        long smallest = Long.MAX_VALUE;
        for (MemoryPoolMXBean pool : heapPools()) {
            long max = pool.getUsage().getMax();
            if (max > 0) {
                long bytes = (long) (max * threshold);
                pool.setCollectionUsageThreshold(Math.max(1, bytes));
                smallest = Math.min(smallest, bytes);
            }
        }
        thresholdBytes = smallest == Long.MAX_VALUE ? 0 : smallest;
        if (!listening) {
            ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(listener, null, null);
            listening = true;
        }
    }

    private void disarm() {
        for (MemoryPoolMXBean pool : heapPools()) {
            pool.setCollectionUsageThreshold(0);
        }
        if (listening) {
            try {
                ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
            listening = false;
        }
        refusing = false;
        lastStopped = null;
        collectionsAfterStop = -1;
    }

    private static long collectionCount() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (guards(pool)) {
                pools.add(pool);
            }
        }
        return pools;
    }

    /**
     * Only the pools that hold what survives collections: a young pool (eden, survivor) supports no usage threshold,
     * and a survivor space 90 % full after a collection is normal (with the serial collector the guard refused every
     * message at 9 MB in use in a 256 MB heap).
     */
    static boolean guards(MemoryPoolMXBean pool) {
        return pool.getType() == MemoryType.HEAP && pool.isValid() && pool.isUsageThresholdSupported()
                && pool.isCollectionUsageThresholdSupported();
    }

    private void onNotification(Notification notification, Object handback) {
        if (!MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(notification.getType())) {
            return;
        }
        usedAfterCollection = MemoryNotificationInfo.from(
                (javax.management.openmbean.CompositeData) notification.getUserData()).getUsage().getUsed();
        boolean wasRefusing = refusing;
        refusing = true;
        LOG.error("JVM heap nearly full: {} bytes in use after a collection (threshold {}); refusing new messages",
                usedAfterCollection, thresholdBytes);
        stopLargest();
        if (!wasRefusing) {
            Thread.ofVirtual().name("lua-actor-heap-guard").start(this::waitUntilBelow);
        }
    }

    /**
     * One stop at a time: the next actor is stopped only after the last one stopped (its running handler unwound, its
     * VM let go) and a collection since has found the heap still full. Each collection above the threshold sends a
     * notification, and the garbage of the actor just stopped is still in the heap until one runs: without this, the
     * collections during one stop went on to stop actor after actor. A stop that does not end within
     * {@link #STOP_WAIT_NANOS} is given up on. Notification thread only.
     */
    private boolean stillStopping() {
        ActorCell previous = lastStopped;
        if (previous == null) {
            return false;
        }
        if (!previous.terminated.isDone()) {
            if (System.nanoTime() - lastStopNanos < STOP_WAIT_NANOS) {
                return true;
            }
        } else {
            long collections = collectionCount();
            if (collectionsAfterStop < 0) {
                collectionsAfterStop = collections;
                return true;
            }
            if (collections <= collectionsAfterStop) {
                return true;
            }
        }
        lastStopped = null;
        collectionsAfterStop = -1;
        return false;
    }

    private void stopLargest() {
        if (stillStopping()) {
            return;
        }
        ActorCell largest = null;
        long size = 0;
        for (ActorRuntime runtime : runtimes) {
            for (ActorCell cell : runtime.cells()) {
                long estimate = cell.ref.statistics().memoryEstimate();
                if (cell.state.isAlive() && estimate > size) {
                    largest = cell;
                    size = estimate;
                }
            }
        }
        if (largest == null) {
            return;
        }
        String reason = "stopped by the heap guard: the JVM heap is nearly full (" + usedAfterCollection
                + " bytes in use after a collection, threshold " + thresholdBytes
                + " bytes) and this actor holds the most (about " + size + " bytes)";
        MemoryLimitExceededException failure = new MemoryLimitExceededException(largest.name, reason, null, 0,
                thresholdBytes, size);
        LOG.error("{}", failure.getMessage());
        largest.lastError = new ActorStatistics.ErrorInfo(failure.getClass().getSimpleName(), failure.getMessage(),
                Instant.now());
        // A running handler would otherwise run on to its end (a compiled loop filling its locals: to its timeout,
        // or to the JVM's OutOfMemoryError): it fails at its next check, and its caller learns why.
        Turn running = largest.current;
        if (running != null) {
            running.vm.hook.requestHeapGuardStop(reason, thresholdBytes);
        }
        lastStopped = largest;
        lastStopNanos = System.nanoTime();
        Termination.forceStop(largest, lastStopNanos);
    }

    private void waitUntilBelow() {
        long collections = collectionCount();
        int checksWithoutCollection = 0;
        while (refusing) {
            try {
                Thread.sleep(RECHECK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = collectionCount();
            if (now != collections) {
                collections = now;
                checksWithoutCollection = 0;
            } else if (++checksWithoutCollection == COLLECTION_NUDGE_CHECKS) {
                // Only a collection can tell that the heap is free again, and refused actors allocate little: after
                // the actor that held the most was stopped, a quiet JVM might not collect for minutes and refuse
                // every message meanwhile. So the guard asks for one, at most once a second while it refuses.
                checksWithoutCollection = 0;
                LOG.info("no garbage collection since the heap guard began refusing messages; requesting one");
                System.gc();
            }
            boolean below = true;
            for (MemoryPoolMXBean pool : heapPools()) {
                if (pool.isCollectionUsageThresholdExceeded()
                        && pool.getCollectionUsage().getUsed() >= pool.getCollectionUsageThreshold()) {
                    below = false;
                }
            }
            if (below) {
                refusing = false;
                LOG.warn("JVM heap back under the guard's threshold; accepting messages again");
            }
        }
    }
}
