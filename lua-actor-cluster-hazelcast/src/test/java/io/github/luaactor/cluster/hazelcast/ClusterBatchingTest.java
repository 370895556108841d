package io.github.luaactor.cluster.hazelcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Batched transport across members: order per sender and actor under concurrency, and a member dying mid-batch. */
class ClusterBatchingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void concurrentSendersOnTwoMembersKeepTheirOrderPerActor() throws Exception {
        cluster = new TestCluster(3, 0, ClusterSettings.defaults());
        List<String> actors = List.of("log/batch-a", "log/batch-b", "log/batch-c");
        int perThread = 150;
        // Order is guaranteed under stable membership: every member has routed to every actor once (and the actors
        // are active on their owners) before the concurrent part starts.
        for (TestCluster.Member from : cluster.members) {
            for (String actor : actors) {
                from.cluster().ref(actor).call(LuaMessage.from("warm-up-" + from.label() + ":0"), TIMEOUT);
            }
        }
        List<Thread> senders = new ArrayList<>();
        List<CompletableFuture<LuaMessage>> asks = new CopyOnWriteArrayList<>();
        for (TestCluster.Member from : cluster.members) {
            for (int t = 0; t < 2; t++) {
                String tag = from.label() + "#" + t;
                senders.add(Thread.ofPlatform().start(() -> {
                    for (int i = 1; i <= perThread; i++) {
                        String actor = actors.get(i % actors.size());
                        LuaMessage message = LuaMessage.from(tag + ":" + i);
                        // Tells and asks that are not awaited travel the same path and keep one order.
                        if (i % 2 == 0) {
                            from.cluster().ref(actor).doSend(message);
                        } else {
                            asks.add(from.cluster().ref(actor).send(message));
                        }
                    }
                }));
            }
        }
        for (Thread t : senders) {
            t.join();
        }
        CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).get(60, java.util.concurrent.TimeUnit.SECONDS);
        int total = cluster.members.size() * (2 * perThread + actors.size());
        await().atMost(Duration.ofSeconds(60)).until(() -> actors.stream().mapToInt(this::logSize).sum() == total);
        for (String actor : actors) {
            Map<String, Integer> last = new HashMap<>();
            for (Object item : log(actor)) {
                String[] parts = ((String) item).split(":");
                int seq = Integer.parseInt(parts[1]);
                Integer before = last.put(parts[0], seq);
                assertThat(before == null || before < seq).as("%s: %s after %s from %s (owner %s): %s", actor, seq,
                        before, parts[0], cluster.ownerOf(actor).label(), log(actor)).isTrue();
            }
            assertThat(last).hasSize(cluster.members.size() * 3);
        }
    }

    @Test
    void aMemberDyingWithBatchesInFlightGivesEveryCallerAReplyOrAnExceptionWithinTheAskTimeout() throws Exception {
        Duration askTimeout = Duration.ofSeconds(8);
        cluster = new TestCluster(3, 0, ClusterSettings.defaults().withAskTimeout(askTimeout));
        String actor = "counter/batch-death";
        TestCluster.Member owner = cluster.ownerOf(actor);
        TestCluster.Member caller = cluster.other(owner);
        caller.cluster().ref(actor).call(LuaMessage.from("inc"), TIMEOUT);
        List<CompletableFuture<LuaMessage>> replies = new CopyOnWriteArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            senders.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 100; i++) {
                    replies.add(caller.cluster().ref(actor).send(LuaMessage.from("inc")));
                }
            }));
        }
        // Killed while the senders are still posting: some batches are in flight, some wait, some are not sent yet.
        cluster.kill(owner);
        for (Thread t : senders) {
            t.join();
        }
        // Every caller completes: a reply, the member's departure or the ask timeout; none waits for longer.
        await().atMost(askTimeout.plusSeconds(60)).until(() -> replies.stream().allMatch(CompletableFuture::isDone));
        List<Long> values = new ArrayList<>();
        for (CompletableFuture<LuaMessage> reply : replies) {
            try {
                values.add((Long) reply.join().toJava());
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOfAny(ActorUnavailableException.class, TimeoutException.class,
                        LuaActorException.class);
            }
        }
        assertThat(replies).hasSize(400);
        assertThat(values).doesNotHaveDuplicates();
        assertThat(caller.cluster().pendingAsks()).isZero();
    }

    private int logSize(String actor) {
        return log(actor).size();
    }

    private List<?> log(String actor) {
        Object items = cluster.member(0).cluster().ref(actor).call(LuaMessage.from("get"), TIMEOUT).toJava();
        if (items instanceof List<?> list) {
            return list;
        }
        // an empty Lua table comes back as an empty map
        return List.of();
    }
}
