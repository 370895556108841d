package io.github.luaactor.cluster.hazelcast;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where a batch of deliveries from another member is delivered: one that came on this member's topic (on its event
 * thread) or as a {@link DeliverProcessor} (on a partition thread). On that thread itself when every message in it
 * only needs an enqueue (its actor is active here, owned here and its mailbox never blocks): no thread hop.
 * Otherwise (an activation loads state from the map, a forward sends) on this member's delivery thread, since
 * neither thread may wait; and while that thread has work, later batches follow it there, so batches are still
 * delivered in the order they arrived.
 */
final class PartitionInbox {
    private final Predicate<Envelope> inline;
    private final Consumer<List<Envelope>> deliver;
    private final ExecutorService deliveryThread;
    private final AtomicInteger queued = new AtomicInteger();

    PartitionInbox(String memberName, Predicate<Envelope> inline, Consumer<List<Envelope>> deliver) {
        this.inline = inline;
        this.deliver = deliver;
        this.deliveryThread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("lua-actor-cluster-delivery-" + memberName).factory());
    }

    /** @throws java.util.concurrent.RejectedExecutionException when the member is closing */
    void accept(List<Envelope> envelopes) {
        if (queued.get() == 0 && envelopes.stream().allMatch(inline)) {
            deliver.accept(envelopes);
            return;
        }
        queued.incrementAndGet();
        try {
            deliveryThread.execute(() -> {
                try {
                    deliver.accept(envelopes);
                } finally {
                    queued.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            queued.decrementAndGet();
            throw e;
        }
    }

    void close() {
        deliveryThread.shutdown();
    }
}
