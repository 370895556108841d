package io.github.luaactor.cluster.hazelcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The two ways batches travel: on the receiving member's topic, and by partition operation and executor task to a
 * member that does not take batches on its topic (as one of the previous release), side by side in one cluster.
 */
class ClusterTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aMemberWithoutTheTopicTransportIsReachedTheOldWayAndOrderIsKeptEitherWay() {
        cluster = new TestCluster(2, 1, ClusterSettings.defaults());
        // Says nothing of the topic transport: the others send it partition operations and executor tasks.
        TestCluster.Member old = cluster.add(config -> config.getMemberAttributeConfig()
                .removeAttribute(LoopbackHazelcast.TRANSPORT_ATTRIBUTE));
        cluster.awaitSize(3);
        TestCluster.Member first = cluster.member(0);
        TestCluster.Member second = cluster.member(1);
        // Members greet each other as they start: the topic is used between the two that take batches there.
        await().atMost(TIMEOUT).until(() -> first.cluster().deliversOnTopicTo(second.cluster().localMember())
                && second.cluster().deliversOnTopicTo(first.cluster().localMember()));
        assertThat(first.cluster().deliversOnTopicTo(old.cluster().localMember())).isFalse();
        List<String> actors = new ArrayList<>();
        for (int i = 0; actors.size() < 2 && i < 1_000; i++) {
            String actor = "log/mixed-" + i;
            boolean onOld = cluster.ownerOf(actor) == old;
            if (onOld ? actors.stream().noneMatch(a -> cluster.ownerOf(a) == old)
                    : actors.stream().allMatch(a -> cluster.ownerOf(a) == old)) {
                actors.add(actor);
            }
        }
        assertThat(actors).hasSize(2);
        int perMember = 40;
        List<CompletableFuture<LuaMessage>> asks = new ArrayList<>();
        for (TestCluster.Member from : cluster.members) {
            for (String actor : actors) {
                for (int i = 1; i <= perMember; i++) {
                    LuaMessage message = LuaMessage.from(from.label() + ":" + i);
                    if (i % 2 == 0) {
                        from.cluster().ref(actor).doSend(message);
                    } else {
                        asks.add(from.cluster().ref(actor).send(message));
                    }
                }
            }
        }
        CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).orTimeout(60, java.util.concurrent.TimeUnit
                .SECONDS).join();
        for (String actor : actors) {
            await().atMost(Duration.ofSeconds(60)).until(() -> log(actor).size() == cluster.members.size() * perMember);
            java.util.Map<String, Integer> last = new java.util.HashMap<>();
            for (Object item : log(actor)) {
                String[] parts = ((String) item).split(":");
                int seq = Integer.parseInt(parts[1]);
                Integer before = last.put(parts[0], seq);
                assertThat(before == null || before < seq).as("%s: %s after %s from %s", actor, seq, before,
                        parts[0]).isTrue();
            }
            assertThat(last).hasSize(cluster.members.size());
        }
        assertThat(second.cluster().deliversOnTopicTo(old.cluster().localMember())).isFalse();
    }

    @Test
    void asksToAMemberThatStoppedTakingPartFailWithinTheAskTimeout() {
        Duration askTimeout = Duration.ofSeconds(3);
        cluster = new TestCluster(3, 0, ClusterSettings.defaults().withAskTimeout(askTimeout));
        String actor = "counter/stopping";
        TestCluster.Member owner = cluster.ownerOf(actor);
        TestCluster.Member caller = cluster.other(owner);
        assertThat(caller.cluster().ref(actor).call(LuaMessage.from("inc"), TIMEOUT).toJava()).isEqualTo(1L);
        await().atMost(TIMEOUT).until(() -> caller.cluster().deliversOnTopicTo(owner.cluster().localMember()));
        // Its Hazelcast member stays (and keeps the partition); only the Lua actor member stops listening.
        owner.cluster().close();
        List<CompletableFuture<LuaMessage>> asks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            asks.add(caller.cluster().ref(actor).send(LuaMessage.from("inc")));
        }
        await().atMost(askTimeout.plusSeconds(30)).until(() -> asks.stream().allMatch(CompletableFuture::isDone));
        for (CompletableFuture<LuaMessage> ask : asks) {
            try {
                ask.join();
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOfAny(ActorUnavailableException.class, TimeoutException.class,
                        LuaActorException.class);
            }
        }
        assertThat(asks).allMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(caller.cluster().pendingAsks()).isZero();
    }

    @Test
    void theTopicOfAMemberThatLeftIsDestroyed() {
        cluster = new TestCluster(3, 0, ClusterSettings.defaults());
        TestCluster.Member leaving = cluster.member(2);
        String topic = ClusterSettings.MEMBER_TOPIC_PREFIX + leaving.cluster().localMember().getUuid();
        TestCluster.Member staying = cluster.member(0);
        assertThat(topicNames(staying)).contains(topic);
        cluster.kill(leaving);
        cluster.awaitSize(2);
        await().atMost(TIMEOUT).until(() -> !topicNames(staying).contains(topic));
        // The members that stay keep their own topics and still talk on them.
        assertThat(topicNames(staying)).contains(ClusterSettings.MEMBER_TOPIC_PREFIX
                + staying.cluster().localMember().getUuid());
        String actor = "counter/after-leave";
        TestCluster.Member owner = cluster.ownerOf(actor);
        assertThat(cluster.other(owner).cluster().ref(actor).call(LuaMessage.from("inc"), TIMEOUT).toJava())
                .isEqualTo(1L);
    }

    private static List<String> topicNames(TestCluster.Member member) {
        return member.hazelcast().getDistributedObjects().stream()
                .filter(o -> o instanceof com.hazelcast.topic.ITopic<?>).map(o -> o.getName()).toList();
    }

    private List<?> log(String actor) {
        Object items = cluster.member(0).cluster().ref(actor).call(LuaMessage.from("get"), TIMEOUT).toJava();
        return items instanceof List<?> list ? list : List.of();
    }
}
