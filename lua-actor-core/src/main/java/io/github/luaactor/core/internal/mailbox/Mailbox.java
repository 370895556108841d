package io.github.luaactor.core.internal.mailbox;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import io.github.luaactor.core.LuaMessage;

/**
 * A multi-producer, single-consumer queue with an exact size, bounded when capacity &gt; 0.
 * <p>
 * A linked queue after Dmitry Vyukov's MPSC design: a producer swaps the tail (one atomic exchange) and links the
 * old tail to its node; the consumer, the thread holding the actor's baton, follows the links with plain reads. A
 * fire-and-forget message without a sender is queued as the {@link LuaMessage} itself, with its enqueue time in
 * the node when a monitor times it (the envelope is made when it is taken): a backlog costs one node of 24 or 32
 * bytes per message, and the actor's thread reads one object per message that the sender's core wrote.
 * <p>
 * The size is {@code offered - polled}. Producers alone write {@code offered} and the consumer alone writes
 * {@code polled}, and the two groups of fields lie on different cache lines ({@link MailboxConsumerFields}), so
 * sender and actor never write the same cache line per message. A bounded mailbox reserves a slot by a CAS on
 * {@code offered} below a cached limit ({@code polled + capacity} when last read) and reads {@code polled} again only
 * when that limit is reached; the bound is therefore never exceeded.
 * <p>
 * With {@code sharedConsumer} (the drop-oldest policy, whose senders take the oldest message out themselves) every
 * take holds the mailbox's lock, so there is still one taker at a time.
 */
public final class Mailbox extends MailboxProducerFields {
    private static final VarHandle TAIL;
    private static final VarHandle OFFERED;
    private static final VarHandle POLLED;
    private static final VarHandle FORCED;
    private static final VarHandle NEXT;
    private static final VarHandle QUEUED_BYTES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(Mailbox.class, "tail", Node.class);
            OFFERED = lookup.findVarHandle(Mailbox.class, "offered", long.class);
            POLLED = lookup.findVarHandle(Mailbox.class, "polled", long.class);
            FORCED = lookup.findVarHandle(Mailbox.class, "forced", long.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
            QUEUED_BYTES = lookup.findVarHandle(Mailbox.class, "queuedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static class Node {
        /** An {@link Envelope} or a bare {@link LuaMessage}; null once taken (the node then serves as the head). */
        Object item;
        volatile Node next;
        /**
         * The estimated bytes of a large message, counted in {@link #queuedBytes()} while it waits; 0 for the rest.
         * An int fits in the node's alignment padding (24 bytes with or without it, with 12-byte headers).
         */
        int heldBytes;

        Node(Object item) {
            this.item = item;
        }

        long enqueuedNanos() {
            return 0L;
        }

        /** The item taken from this node as an envelope: a bare message gets one now, with the node's enqueue time. */
        Envelope envelopeOf(Object taken) {
            return taken instanceof Envelope envelope ? envelope
                    : new Envelope((LuaMessage) taken, null, null, enqueuedNanos());
        }
    }

    /** A bare message with its enqueue time (for the mailbox-wait timer): still one object per message. */
    private static final class TimedNode extends Node {
        private final long enqueuedNanos;

        TimedNode(Object item, long enqueuedNanos) {
            super(item);
            this.enqueuedNanos = enqueuedNanos;
        }

        @Override
        long enqueuedNanos() {
            return enqueuedNanos;
        }
    }

    // queuedBytes (MailboxConsumerFields): the estimated bytes of the large messages waiting (Node#heldBytes);
    // producers add, takers subtract, for large messages only, so the per-message path never writes it.
    /** Control envelopes among {@code offered}: they are not messages. */
    private volatile long forced;
    public Mailbox(int capacity, boolean sharedConsumer) {
        super(capacity, sharedConsumer);
        this.producerLimit = capacity;
        Node stub = new Node(null);
        this.head = stub;
        this.tail = stub;
    }

    /** Adds the envelope unless the mailbox is full. */
    public boolean offer(Envelope envelope) {
        return offerNode(new Node(envelope));
    }

    /**
     * Adds a fire-and-forget message that has no sender, unless the mailbox is full; {@code enqueuedNanos} is 0 when
     * nobody times it. The consumer then reads one object per message, not a node and an envelope.
     */
    public boolean offer(LuaMessage message, long enqueuedNanos) {
        return offerNode(enqueuedNanos == 0 ? new Node(message) : new TimedNode(message, enqueuedNanos));
    }

    /**
     * As {@link #offer(Envelope)}, for a large message whose estimated size counts in {@link #queuedBytes()} while
     * it waits (0: not counted).
     */
    public boolean offer(Envelope envelope, int bytes) {
        return offerHeld(new Node(envelope), bytes);
    }

    private boolean offerHeld(Node node, int bytes) {
        node.heldBytes = bytes;
        if (bytes != 0) {
            // Before the node is linked: a taker subtracts only what was added.
            QUEUED_BYTES.getAndAdd(this, (long) bytes);
        }
        if (offerNode(node)) {
            return true;
        }
        if (bytes != 0) {
            QUEUED_BYTES.getAndAdd(this, (long) -bytes);
        }
        return false;
    }

    /** The estimated bytes of the large messages waiting now (those offered with a size). */
    public long queuedBytes() {
        return queuedBytes;
    }

    private void released(Node node) {
        int held = node.heldBytes;
        if (held != 0) {
            node.heldBytes = 0;
            QUEUED_BYTES.getAndAdd(this, (long) -held);
        }
    }

    private boolean offerNode(Node node) {
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
        link(node);
        return true;
    }

    /** Whether this send is to carry its enqueue time, when one send in {@code every} is timed. */
    public boolean stampThisSend(int every) {
        if (--sendsUntilTimed <= 0) {
            sendsUntilTimed = every;
            return true;
        }
        return false;
    }

    /** Adds a control envelope regardless of capacity. */
    public void force(Envelope envelope) {
        FORCED.getAndAdd(this, 1L);
        OFFERED.getAndAdd(this, 1L);
        link(new Node(envelope));
    }

    /** Counts a message handled without being queued (by the baton holder, on the caller's thread). */
    public void countBypass() {
        OFFERED.getAndAdd(this, 1L);
        if (sharedConsumer) {
            synchronized (this) {
                POLLED.setRelease(this, polled + 1);
            }
        } else {
            POLLED.setRelease(this, polled + 1);
        }
    }

    private void link(Node node) {
        Node previous = (Node) TAIL.getAndSet(this, node);
        // A volatile store, not a release one, though it costs a second fence: the sender reads the baton next
        // (schedule), while an actor going idle drops the baton and then looks at this link. Without the fence both
        // reads could miss the other's write, and the message would wait with no drainer.
        previous.next = node;
    }

    /**
     * Takes the oldest envelope, or null. A producer that has swapped the tail but not yet linked its node is not
     * waited for: it schedules the actor after linking, so its message is taken by the next drain.
     */
    public Envelope poll() {
        if (sharedConsumer) {
            synchronized (this) {
                return take();
            }
        }
        return take();
    }

    private Envelope take() {
        Node h = head;
        while (true) {
            Node next = h.next;
            if (next == null) {
                return null;
            }
            Object item = next.item;
            next.item = null;
            head = next;
            if (next == dropFrom) {
                dropFrom = null;
            }
            // Unlink the old head: once promoted, a dead node's link would keep its young successors alive (and
            // promote them in turn) at every young collection. No producer writes it any more: it linked it already.
            NEXT.set(h, (Node) null);
            if (item != null) {
                POLLED.setRelease(this, polled + 1);
                released(next);
                return next.envelopeOf(item);
            }
            // A message removed by removeOldestMessage (already counted): go on.
            h = next;
        }
    }

    /**
     * For the drop-oldest policy (a mailbox made with {@code sharedConsumer}): removes the oldest message and returns
     * it, leaving control envelopes (stop, reload) where they are, so that a reload still applies before the messages
     * sent after it. Null when the mailbox holds control envelopes only. The node stays linked with no item; the
     * consumer steps over it. Scanning resumes after the last node removed, so a burst of drops behind a busy
     * handler costs no more than one pass over the queue.
     */
    public Envelope removeOldestMessage() {
        if (!sharedConsumer) {
            throw new IllegalStateException("only a mailbox with a shared consumer removes messages out of turn");
        }
        synchronized (this) {
            Node node = dropFrom != null ? dropFrom.next : head.next;
            while (node != null) {
                Object item = node.item;
                if (item != null && !(item instanceof Envelope e && e.isControl())) {
                    node.item = null;
                    dropFrom = node;
                    POLLED.setRelease(this, polled + 1);
                    released(node);
                    return node.envelopeOf(item);
                }
                node = node.next;
            }
            return null;
        }
    }

    /** True when nothing is linked after the head (the consumer's view). */
    public boolean isEmpty() {
        if (sharedConsumer) {
            synchronized (this) {
                Node node = head.next;
                while (node != null && node.item == null) {
                    // removed by removeOldestMessage
                    node = node.next;
                }
                return node == null;
            }
        }
        return head.next == null;
    }

    /**
     * Exact from any thread: {@code polled} is read again after {@code offered}, and an unchanged value means it was
     * the same when {@code offered} was read. (A reader paused between two single reads while the actor took and
     * senders refilled would count everything offered meanwhile: far above the capacity.)
     */
    public int size() {
        long p = polled;
        for (int attempt = 0; attempt < 64; attempt++) {
            long o = offered;
            long again = polled;
            if (again == p) {
                return (int) Math.max(0, Math.min(Integer.MAX_VALUE, o - p));
            }
            p = again;
        }
        // Still moving after 64 tries: a very busy mailbox, whose size is only a snapshot anyway.
        long estimate = Math.max(0, offered - polled);
        return (int) Math.min(capacity > 0 ? capacity : Integer.MAX_VALUE, estimate);
    }

    /**
     * Messages accepted so far (control envelopes excluded); during a concurrent {@link #force} it may be one off
     * for an instant.
     */
    public long accepted() {
        long f = forced;
        return offered - f;
    }

    public int capacity() {
        return capacity;
    }
}
