package io.github.luaactor.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.github.luaactor.core.LuaMessage;

/**
 * A multi-producer, single-consumer queue with an exact size, bounded when capacity &gt; 0.
 * <p>
 * A linked queue after Dmitry Vyukov's MPSC design: a producer swaps the tail (one atomic exchange) and links the
 * old tail to its node; the consumer, the thread holding the actor's baton, follows the links with plain reads. A
 * fire-and-forget message without sender or timestamp is queued as the {@link LuaMessage} itself (the envelope is
 * made when it is taken), so a backlog costs one 24-byte node per message: a long backlog is what the collector
 * has to copy.
 * <p>
 * The size is {@code offered - polled}. Producers alone write {@code offered} and the consumer alone writes
 * {@code polled}, so sender and actor never write the same cache line per message. A bounded mailbox reserves a
 * slot by a CAS on {@code offered} below a cached limit ({@code polled + capacity} when last read) and reads
 * {@code polled} again only when that limit is reached; the bound is therefore never exceeded.
 * <p>
 * With {@code sharedConsumer} (the drop-oldest policy, whose senders take the oldest message out themselves) every
 * take holds the mailbox's lock, so there is still one taker at a time.
 */
final class Mailbox {
    private static final VarHandle TAIL;
    private static final VarHandle OFFERED;
    private static final VarHandle POLLED;
    private static final VarHandle FORCED;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(Mailbox.class, "tail", Node.class);
            OFFERED = lookup.findVarHandle(Mailbox.class, "offered", long.class);
            POLLED = lookup.findVarHandle(Mailbox.class, "polled", long.class);
            FORCED = lookup.findVarHandle(Mailbox.class, "forced", long.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Node {
        /** An {@link Envelope} or a bare {@link LuaMessage}; null once taken (the node then serves as the head). */
        Object item;
        volatile Node next;

        Node(Object item) {
            this.item = item;
        }
    }

    /** The last node taken; read and written by the consumer only. */
    private Node head;
    private volatile Node tail;
    private volatile long offered;
    private volatile long polled;
    /** Control envelopes among {@code offered}: they are not messages. */
    private volatile long forced;
    /** Producers may reserve below this without reading {@code polled}; a stale value is only smaller. */
    private long producerLimit;
    private final int capacity;
    private final boolean sharedConsumer;

    Mailbox(int capacity, boolean sharedConsumer) {
        this.capacity = capacity;
        this.sharedConsumer = sharedConsumer;
        this.producerLimit = capacity;
        Node stub = new Node(null);
        this.head = stub;
        this.tail = stub;
    }

    /** Adds the envelope unless the mailbox is full. */
    boolean offer(Envelope envelope) {
        return offerItem(envelope);
    }

    /** Adds a fire-and-forget message that has no sender and no timestamp, unless the mailbox is full. */
    boolean offer(LuaMessage message) {
        return offerItem(message);
    }

    private boolean offerItem(Object item) {
        if (capacity > 0) {
            long o;
            do {
                o = offered;
                if (o >= producerLimit) {
                    long limit = polled + capacity;
                    if (o >= limit) {
                        return false;
                    }
                    producerLimit = limit;
                }
            } while (!OFFERED.compareAndSet(this, o, o + 1));
        } else {
            OFFERED.getAndAdd(this, 1L);
        }
        link(item);
        return true;
    }

    /** Adds a control envelope regardless of capacity. */
    void force(Envelope envelope) {
        FORCED.getAndAdd(this, 1L);
        OFFERED.getAndAdd(this, 1L);
        link(envelope);
    }

    /** Counts a message handled without being queued (by the baton holder, on the caller's thread). */
    void countBypass() {
        OFFERED.getAndAdd(this, 1L);
        if (sharedConsumer) {
            synchronized (this) {
                POLLED.setRelease(this, polled + 1);
            }
        } else {
            POLLED.setRelease(this, polled + 1);
        }
    }

    private void link(Object item) {
        Node node = new Node(item);
        Node previous = (Node) TAIL.getAndSet(this, node);
        previous.next = node;
    }

    /**
     * Takes the oldest envelope, or null. A producer that has swapped the tail but not yet linked its node is not
     * waited for: it schedules the actor after linking, so its message is taken by the next drain.
     */
    Envelope poll() {
        Object item;
        if (sharedConsumer) {
            synchronized (this) {
                item = take();
            }
        } else {
            item = take();
        }
        if (item == null || item instanceof Envelope) {
            return (Envelope) item;
        }
        return new Envelope((LuaMessage) item, null, null, 0L);
    }

    private Object take() {
        Node h = head;
        Node next = h.next;
        if (next == null) {
            return null;
        }
        Object item = next.item;
        next.item = null;
        head = next;
        // Unlink the old head: once promoted, a dead node's link would keep its young successors alive (and
        // promote them in turn) at every young collection. No producer writes it any more: it linked it already.
        NEXT.set(h, (Node) null);
        POLLED.setRelease(this, polled + 1);
        return item;
    }

    /** True when nothing is linked after the head (the consumer's view). */
    boolean isEmpty() {
        if (sharedConsumer) {
            synchronized (this) {
                return head.next == null;
            }
        }
        return head.next == null;
    }

    int size() {
        long p = polled;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, offered - p));
    }

    /** Messages accepted so far (control envelopes excluded). */
    long accepted() {
        long f = forced;
        return offered - f;
    }

    int capacity() {
        return capacity;
    }
}
