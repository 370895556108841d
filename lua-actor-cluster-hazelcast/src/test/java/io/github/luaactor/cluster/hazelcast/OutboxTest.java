package io.github.luaactor.cluster.hazelcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox alone, with a recording dispatch instead of Hazelcast. */
class OutboxTest {
    private final BatchFrame frames = new BatchFrame(1 << 20);
    private final ExecutorService flusher = Executors.newSingleThreadExecutor();
    private final List<byte[]> dispatched = Collections.synchronizedList(new ArrayList<>());
    private final List<List<Outbox.Posted>> failedBatches = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        flusher.shutdownNow();
    }

    private Outbox outbox(Outbox.Dispatch dispatch) {
        return new Outbox(null, dispatch, flusher, frames.frameLimit(), (batch, t) -> failedBatches.add(batch));
    }

    private void post(Outbox outbox, String actor, long id) {
        Envelope e = new Envelope.Deliver(actor, null, id, java.util.UUID.randomUUID(), new byte[] {1, 0}, false);
        outbox.post(e, frames.envelope(e));
    }

    @Test
    void concurrentSendersKeepTheirOrderPerActorAndMessagesTravelInBatches() throws Exception {
        Outbox outbox = outbox((frame, first, size, failed) -> dispatched.add(frame));
        int threads = 4;
        int perThread = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 1; i <= perThread; i++) {
                    // id = thread * 1e6 + sequence; actor = one of three, so order is checked per sender and actor
                    post(outbox, "log/" + (i % 3), thread * 1_000_000L + i);
                }
            }));
        }
        go.countDown();
        for (Thread t : senders) {
            t.join();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count() == threads * perThread);
        Map<String, Long> last = new HashMap<>();
        List<byte[]> frameList;
        synchronized (dispatched) {
            frameList = List.copyOf(dispatched);
        }
        for (byte[] frame : frameList) {
            for (Envelope e : frames.read(frame)) {
                long id = e.correlationId();
                String key = (id / 1_000_000) + "->" + e.actor();
                Long before = last.put(key, id);
                assertThat(before == null || before < id).as("order of %s: %s after %s", key, id, before).isTrue();
            }
        }
        assertThat(last).hasSize(threads * 3);
        assertThat(failedBatches).isEmpty();
        // Not an assertion on timing: there are always fewer frames than messages once senders overlap the flusher,
        // and never more.
        assertThat(frameList.size()).isLessThanOrEqualTo(threads * perThread);
    }

    @Test
    void aBatchHazelcastRefusesOrFailsIsReportedAndLaterMessagesStillLeave() {
        List<Consumer<Throwable>> later = new CopyOnWriteArrayList<>();
        boolean[] refuse = {true};
        Outbox outbox = outbox((frame, first, size, failed) -> {
            if (refuse[0]) {
                refuse[0] = false;
                throw new IllegalStateException("refused");
            }
            dispatched.add(frame);
            later.add(failed);
        });
        post(outbox, "counter/1", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> failedBatches.size() == 1);
        assertThat(failedBatches.get(0)).extracting(p -> p.envelope().correlationId()).containsExactly(1L);
        post(outbox, "counter/1", 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> count() == 1);
        // Hazelcast reports afterwards that the batch in flight could not run (its member died): reported too.
        later.get(0).accept(new IllegalStateException("member left"));
        assertThat(failedBatches).hasSize(2);
        assertThat(failedBatches.get(1)).extracting(p -> p.envelope().correlationId()).containsExactly(2L);
    }

    @Test
    void aBatchLeavesOnlyOnceTheOneBeforeIsAcknowledgedAndCarriesAllThatWaited() {
        List<CompletableFuture<Void>> acks = new CopyOnWriteArrayList<>();
        Outbox outbox = Outbox.acked(null, (frame, first, size) -> {
            dispatched.add(frame);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.add(ack);
            return ack;
        }, flusher, frames.frameLimit(), (batch, t) -> failedBatches.add(batch));
        post(outbox, "counter/1", 1);
        // A lone message on an idle path leaves at once, from the posting thread.
        assertThat(count()).isEqualTo(1);
        post(outbox, "counter/1", 2);
        post(outbox, "counter/1", 3);
        assertThat(dispatched).hasSize(1);
        assertThat(outbox.waiting()).isEqualTo(2);
        acks.get(0).complete(null);
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatched.size() == 2);
        assertThat(frames.read(dispatched.get(1))).extracting(Envelope::correlationId).containsExactly(2L, 3L);
        // A batch that failed once handed over is reported, and the path goes on.
        post(outbox, "counter/1", 4);
        acks.get(1).completeExceptionally(new IllegalStateException("member left"));
        await().atMost(Duration.ofSeconds(30)).until(() -> failedBatches.size() == 1);
        assertThat(failedBatches.get(0)).extracting(p -> p.envelope().correlationId()).containsExactly(2L, 3L);
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatched.size() == 3);
        assertThat(frames.read(dispatched.get(2))).extracting(Envelope::correlationId).containsExactly(4L);
    }

    @Test
    void aPosterThatExpectsMoreLeavesTheSendingToTheFlusherAndALoneMessageLeavesFromThePoster() throws Exception {
        List<String> senders = new CopyOnWriteArrayList<>();
        Outbox outbox = outbox((frame, first, size, failed) -> {
            senders.add(Thread.currentThread().getName());
            dispatched.add(frame);
        });
        String flusherThread = flusher.submit(() -> Thread.currentThread().getName()).get();
        post(outbox, "counter/1", 1);
        Envelope e = new Envelope.Deliver("counter/1", null, 2, java.util.UUID.randomUUID(), new byte[] {1, 0},
                false);
        outbox.post(e, frames.envelope(e), true);
        await().atMost(Duration.ofSeconds(30)).until(() -> count() == 2);
        assertThat(senders).containsExactly(Thread.currentThread().getName(), flusherThread);
    }

    private int count() {
        synchronized (dispatched) {
            return dispatched.stream().mapToInt(f -> frames.read(f).size()).sum();
        }
    }
}
