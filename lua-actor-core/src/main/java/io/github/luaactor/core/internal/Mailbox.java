package io.github.luaactor.core.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A multi-producer, single-consumer queue with an exact size, bounded when capacity &gt; 0. The size is reserved
 * before the element is linked, so the bound is never exceeded even under contention.
 */
final class Mailbox {
    private final ConcurrentLinkedQueue<Envelope> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    Mailbox(int capacity) {
        this.capacity = capacity;
    }

    /** Adds the envelope unless the mailbox is full. */
    boolean offer(Envelope envelope) {
        if (capacity > 0) {
            int s;
            do {
                s = size.get();
                if (s >= capacity) {
                    return false;
                }
            } while (!size.compareAndSet(s, s + 1));
        } else {
            size.incrementAndGet();
        }
        queue.offer(envelope);
        return true;
    }

    /** Adds a control envelope regardless of capacity. */
    void force(Envelope envelope) {
        size.incrementAndGet();
        queue.offer(envelope);
    }

    Envelope poll() {
        Envelope e = queue.poll();
        if (e != null) {
            size.decrementAndGet();
        }
        return e;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return Math.max(0, size.get());
    }

    int capacity() {
        return capacity;
    }
}
