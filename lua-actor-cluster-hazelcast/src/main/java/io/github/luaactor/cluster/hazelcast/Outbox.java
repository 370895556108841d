package io.github.luaactor.cluster.hazelcast;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import com.hazelcast.cluster.Member;

/**
 * The messages this member sends down one ordered path: the deliveries for one partition (executed on the
 * partition's owner, whose partition thread puts them into the mailbox in the order they arrive, which keeps FIFO
 * per sender and actor), or the replies to one member.
 * <p>
 * At most one batch per path is under way: from the moment it is handed to Hazelcast until Hazelcast acknowledges
 * it (the operation ran on the receiver, or failed). A message posted to a path with nothing under way leaves at
 * once from the posting thread, so a lone ask waits for no timer and no other thread. Whatever is posted while a
 * batch is under way waits, and leaves as the next batch as soon as the acknowledgement comes (from the member's
 * flusher thread), or, when the batch was done once handed over, at once from the thread that sent it: the busier
 * the path, the larger its batches, and 64 asks in flight cost a few Hazelcast operations instead of 64. Because the next batch never leaves before the previous one has run, a batch that
 * Hazelcast retries (a partition table not settled yet) cannot be overtaken by a later one.
 */
final class Outbox {
    /** A cap on the envelopes per batch, so one batch never keeps the receiver's delivery thread for long. */
    static final int MAX_BATCH = 512;

    /**
     * Hands a batch's frame to Hazelcast without waiting; {@code first} is its first envelope (its name picks the
     * partition); {@code failed} is told if Hazelcast reports later that it could not be run. The batch counts as
     * acknowledged when this returns.
     */
    @FunctionalInterface
    interface Dispatch {
        void execute(byte[] frame, Envelope first, int size, Consumer<Throwable> failed);
    }

    /**
     * Hands a batch's frame to Hazelcast without waiting; the stage completes when the receiver has run it
     * (exceptionally when it could not): that is the acknowledgement the next batch waits for.
     */
    @FunctionalInterface
    interface AckedDispatch {
        CompletionStage<?> execute(byte[] frame, Envelope first, int size);
    }

    record Posted(Envelope envelope, byte[] bytes) {
    }

    /** How a path hands its batches over: an {@link AckedDispatch}, or a {@link Dispatch} that counts as one. */
    @FunctionalInterface
    private interface Link {
        CompletionStage<?> execute(byte[] frame, List<Posted> batch, Consumer<Throwable> failedLater);
    }

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Member member;
    private final Link link;
    private final int frameLimit;
    private final BiConsumer<List<Posted>, Throwable> failed;
    private final Executor flusher;
    private final ArrayDeque<Posted> waiting = new ArrayDeque<>();
    /** A batch is being handed to Hazelcast or waits for its acknowledgement; posters only queue meanwhile. */
    private boolean underWay;

    /**
     * A path whose batches count as acknowledged once handed over (for a dispatch that cannot tell when its batch
     * ran).
     *
     * @param member the receiving member, or null for a partition's path (whoever owns it)
     * @param failed told about every batch Hazelcast refused: its asks must fail
     */
    Outbox(Member member, Dispatch dispatch, Executor flusher, int frameLimit,
            BiConsumer<List<Posted>, Throwable> failed) {
        this(member, (frame, batch, later) -> {
            dispatch.execute(frame, batch.get(0).envelope(), batch.size(), later);
            return DONE;
        }, flusher, frameLimit, failed);
    }

    private Outbox(Member member, Link link, Executor flusher, int frameLimit,
            BiConsumer<List<Posted>, Throwable> failed) {
        this.member = member;
        this.link = link;
        this.flusher = flusher;
        this.frameLimit = frameLimit;
        this.failed = failed;
    }

    /** A path whose next batch waits for the acknowledgement of the one before (see the class comment). */
    static Outbox acked(Member member, AckedDispatch dispatch, Executor flusher, int frameLimit,
            BiConsumer<List<Posted>, Throwable> failed) {
        return new Outbox(member, (frame, batch, later) -> dispatch.execute(frame, batch.get(0).envelope(),
                batch.size()), flusher, frameLimit, failed);
    }

    Member member() {
        return member;
    }

    /**
     * Sends the envelope now when nothing is under way on this path, else queues it for the next batch.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the member is closing (nothing was queued)
     */
    void post(Envelope envelope, byte[] bytes) {
        post(envelope, bytes, false);
    }

    /**
     * As {@link #post(Envelope, byte[])}; {@code moreComing} says that the poster expects more messages on this
     * path right away (other asks of this member are in flight, other deliveries are being handled): then even an
     * idle path leaves the envelope to the flusher, which sends it with whatever has been posted by the time it
     * runs. A lone message leaves at once.
     */
    void post(Envelope envelope, byte[] bytes, boolean moreComing) {
        Posted posted = new Posted(envelope, bytes);
        synchronized (this) {
            if (underWay) {
                waiting.add(posted);
                return;
            }
            if (moreComing || ProcessorThread.isMarked()) {
                // On a partition thread Hazelcast refuses the invocation: the flusher sends it; and it batches.
                flusher.execute(this::sendNext);
                underWay = true;
                waiting.add(posted);
                return;
            }
            underWay = true;
        }
        send(new ArrayList<>(List.of(posted)));
    }

    /**
     * By the one thread that sends on this path now, outside the lock: the batch, then, while acknowledgements come
     * at once, the batches waiting behind it.
     */
    private void send(List<Posted> first) {
        for (List<Posted> batch = first; batch != null; batch = take()) {
            CompletionStage<?> ack = transmit(batch);
            if (ack == null) {
                continue;
            }
            if (ack instanceof CompletableFuture<?> done && done.isDone()) {
                reportFailure(batch, done);
                continue;
            }
            List<Posted> sent = batch;
            ack.whenComplete((r, t) -> {
                if (t != null) {
                    failed.accept(sent, t);
                }
                acknowledged();
            });
            return;
        }
    }

    /** Hands the batch over; null when that failed at once (the batch is reported failed). */
    private CompletionStage<?> transmit(List<Posted> batch) {
        List<byte[]> envelopes = new ArrayList<>(batch.size());
        batch.forEach(p -> envelopes.add(p.bytes()));
        try {
            return link.execute(BatchFrame.frame(envelopes), batch, t -> failed.accept(batch, t));
        } catch (RuntimeException e) {
            failed.accept(batch, e);
            return null;
        }
    }

    private void reportFailure(List<Posted> batch, CompletableFuture<?> done) {
        try {
            done.join();
        } catch (CompletionException | CancellationException e) {
            failed.accept(batch, e.getCause() != null ? e.getCause() : e);
        }
    }

    /**
     * The batch under way is done, on whichever thread Hazelcast completed it: a response thread, or a partition
     * thread when the receiver is this member. Neither may wait for Hazelcast, so the next batch, if any, leaves from
     * the flusher.
     */
    private void acknowledged() {
        List<Posted> stranded;
        RejectedExecutionException closing;
        synchronized (this) {
            if (waiting.isEmpty()) {
                underWay = false;
                return;
            }
            try {
                flusher.execute(this::sendNext);
                return;
            } catch (RejectedExecutionException e) {
                stranded = drain();
                underWay = false;
                closing = e;
            }
        }
        failed.accept(stranded, closing);
    }

    /** On the flusher thread, for a post made on a partition thread: the next batch, if any. */
    private void sendNext() {
        List<Posted> batch = take();
        if (batch != null) {
            send(batch);
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

    /** The next batch; null, and the path is free again, when nothing waits. */
    private synchronized List<Posted> take() {
        if (waiting.isEmpty()) {
            underWay = false;
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
