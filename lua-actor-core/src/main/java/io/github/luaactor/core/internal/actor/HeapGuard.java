package io.github.luaactor.core.internal.actor;

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
 * queued messages become dead letters, its failure is its last error). One per JVM, as the heap is: the threshold
 * is that of the system that registered last.
 */
public final class HeapGuard {
    /** Fraction of a heap pool's maximum, after a collection, at which the guard acts. */
    public static final double DEFAULT_THRESHOLD = 0.9;
    private static final Logger LOG = LoggerFactory.getLogger(HeapGuard.class);
    private static final HeapGuard INSTANCE = new HeapGuard();
    private static final long RECHECK_MILLIS = 100;

    private final Set<ActorRuntime> runtimes = ConcurrentHashMap.newKeySet();
    private final NotificationListener listener = this::onNotification;
    private volatile boolean refusing;
    private volatile long usedAfterCollection;
    private volatile long thresholdBytes;
    private boolean listening;

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

    private void stopLargest() {
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
        MemoryLimitExceededException failure = new MemoryLimitExceededException(largest.name,
                "stopped by the heap guard: the JVM heap is nearly full and this actor holds the most (about " + size
                        + " bytes)", null, 0, thresholdBytes, size);
        LOG.error("{}", failure.getMessage());
        largest.lastError = new ActorStatistics.ErrorInfo(failure.getClass().getSimpleName(), failure.getMessage(),
                Instant.now());
        Termination.forceStop(largest, System.nanoTime());
    }

    private void waitUntilBelow() {
        while (refusing) {
            try {
                Thread.sleep(RECHECK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
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
