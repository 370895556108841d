package io.github.luaactor.cluster.hazelcast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import com.hazelcast.cluster.Member;

/**
 * The messages this member sends down one ordered path: the deliveries for one partition (executed on the
 * partition's owner, so Hazelcast's partition queue and the receiver's single delivery thread keep their order,
 * which keeps FIFO per sender and actor), or the replies to one member. A post hands the outbox to the member's
 * one flusher thread (unless it is handed over already) and returns; the flusher sends everything that waits by
 * then as batches, so what a sender posts while the flusher wakes up travels together: 64 asks in flight cost a
 * few Hazelcast operations instead of 64. An idle path (nothing sent for {@link #IDLE_NANOS}) sends a lone
 * message on the posting thread instead, saving the hop where there is nothing to batch. One thread sends at a
 * time (the flusher, or that poster) and outside the lock, so posters never wait for Hazelcast and batches enter
 * Hazelcast in the order they were posted; nothing waits for an acknowledgement (Hazelcast's operation
 * queue keeps the order), so a batch is never held back by the previous one's round trip.
 */
final class Outbox {
    /** A cap on the envelopes per batch, so one batch never keeps the receiver's delivery thread for long. */
    static final int MAX_BATCH = 512;
    /** A path that sent nothing for this long is idle: a message posted to it leaves from the posting thread. */
    static final long IDLE_NANOS = 200_000;

    /**
     * Hands a batch's frame to Hazelcast without waiting; {@code first} is its first envelope (its name picks the
     * partition); {@code failed} is told if Hazelcast reports later that it could not be run.
     */
    @FunctionalInterface
    interface Dispatch {
        void execute(byte[] frame, Envelope first, int size, Consumer<Throwable> failed);
    }

    record Posted(Envelope envelope, byte[] bytes) {
    }

    private final Member member;
    private final Dispatch dispatch;
    private final int frameLimit;
    private final BiConsumer<List<Posted>, Throwable> failed;
    private final Executor flusher;
    private final ArrayDeque<Posted> waiting = new ArrayDeque<>();
    /** The flusher has been handed this outbox and has not yet found it empty. */
    private boolean scheduled;
    /** A poster is sending its message itself (the path was idle). */
    private boolean direct;
    private long lastSend = System.nanoTime() - IDLE_NANOS;

    /**
     * @param member the receiving member, or null for a partition's path (whoever owns it)
     * @param failed told about every batch Hazelcast refused: its asks must fail
     */
    Outbox(Member member, Dispatch dispatch, Executor flusher, int frameLimit,
            BiConsumer<List<Posted>, Throwable> failed) {
        this.member = member;
        this.flusher = flusher;
        this.dispatch = dispatch;
        this.frameLimit = frameLimit;
        this.failed = failed;
    }

    Member member() {
        return member;
    }

    /**
     * Queues the envelope for the flusher.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the member is closing (nothing was queued)
     */
    void post(Envelope envelope, byte[] bytes) {
        Posted posted = new Posted(envelope, bytes);
        synchronized (this) {
            long now = System.nanoTime();
            if (scheduled || direct || !waiting.isEmpty() || now - lastSend < IDLE_NANOS) {
                if (!scheduled && !direct) {
                    schedule();
                }
                waiting.add(posted);
                return;
            }
            direct = true;
            lastSend = now;
        }
        try {
            send(List.of(posted));
        } finally {
            afterDirect();
        }
    }

    private void afterDirect() {
        List<Posted> stranded;
        RejectedExecutionException closing;
        synchronized (this) {
            direct = false;
            if (waiting.isEmpty() || scheduled) {
                return;
            }
            try {
                schedule();
                return;
            } catch (RejectedExecutionException e) {
                stranded = drain();
                closing = e;
            }
        }
        failed.accept(stranded, closing);
    }

    private void schedule() {
        flusher.execute(this::flush);
        scheduled = true;
    }

    /** On the flusher thread: sends until nothing waits; posters meanwhile only queue. */
    private void flush() {
        for (List<Posted> batch = take(); batch != null; batch = take()) {
            send(batch);
        }
    }

    /** By the one thread that sends now, outside the lock. */
    private void send(List<Posted> batch) {
        List<byte[]> envelopes = new ArrayList<>(batch.size());
        batch.forEach(p -> envelopes.add(p.bytes()));
        try {
            dispatch.execute(BatchFrame.frame(envelopes), batch.get(0).envelope(), batch.size(),
                    t -> failed.accept(batch, t));
        } catch (RuntimeException e) {
            failed.accept(batch, e);
        }
    }

    /** What is waiting and not yet sent, removed (the member has left). */
    synchronized List<Posted> drain() {
        List<Posted> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    /** The next batch; null, and the next post schedules a flush again, when nothing waits. */
    private synchronized List<Posted> take() {
        if (waiting.isEmpty()) {
            scheduled = false;
            lastSend = System.nanoTime();
            return null;
        }
        List<Posted> batch = new ArrayList<>(Math.min(waiting.size(), MAX_BATCH));
        int bytes = 16;
        while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
            int size = waiting.peek().bytes().length;
            if (!batch.isEmpty() && bytes + size > frameLimit) {
                break;
            }
            bytes += size;
            batch.add(waiting.poll());
        }
        return batch;
    }
}
