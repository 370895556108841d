package io.github.luaactor.cluster.hazelcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Members dying, joining and restarting, in one JVM; each test has a cluster of its own. */
class ClusterFailoverTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private TestCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void afterTheOwnerDiesTheActorReactivatesElsewhereWithItsLastCommittedState() {
        cluster = new TestCluster(3, 0, ClusterSettings.defaults());
        String actor = "counter/survivor";
        TestCluster.Member owner = cluster.ownerOf(actor);
        TestCluster.Member caller = cluster.other(owner);
        for (int i = 1; i <= 10; i++) {
            assertThat(caller.cluster().ref(actor).call(LuaMessage.from("inc"), TIMEOUT)).isEqualTo(LuaMessage.from(i));
        }
        cluster.kill(owner);
        cluster.awaitSize(2);
        TestCluster.Member newOwner = cluster.ownerOf(actor);
        assertThat(newOwner).isNotSameAs(owner);
        assertThat(caller.cluster().ref(actor).call(LuaMessage.from("inc"), TIMEOUT)).isEqualTo(LuaMessage.from(11));
        assertThat(newOwner.cluster().localActivations()).contains(actor);
    }

    @Test
    void killingTheOwnerMidLoadLeavesEveryCallerWithAReplyOrAnExceptionAndKeepsCommittedState() {
        cluster = new TestCluster(3, 0, ClusterSettings.defaults().withAskTimeout(Duration.ofSeconds(15)));
        String actor = "counter/under-load";
        TestCluster.Member owner = cluster.ownerOf(actor);
        TestCluster.Member caller = cluster.other(owner);
        for (int i = 1; i <= 20; i++) {
            caller.cluster().ref(actor).call(LuaMessage.from("inc"), TIMEOUT);
        }
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            replies.add(caller.cluster().ref(actor).send(LuaMessage.from("inc")));
            if (i == 100) {
                cluster.kill(owner);
            }
        }
        // Every future completes, within the ask timeout: a reply, ActorUnavailableException or a timeout.
        await().atMost(Duration.ofSeconds(60)).until(() -> replies.stream().allMatch(CompletableFuture::isDone));
        long highestReply = 20;
        List<Long> values = new ArrayList<>();
        for (CompletableFuture<LuaMessage> reply : replies) {
            try {
                long value = (Long) reply.join().toJava();
                values.add(value);
                highestReply = Math.max(highestReply, value);
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOfAny(ActorUnavailableException.class, TimeoutException.class,
                        io.github.luaactor.core.LuaActorException.class);
            }
        }
        // At most once: no message was handled twice, so no two callers saw the same count.
        assertThat(values).doesNotHaveDuplicates();
        cluster.awaitSize(2);
        // A reply means its state was committed first (before the reply was sent): the count never goes back
        // below the highest reply anyone saw.
        long now = (Long) caller.cluster().ref(actor).call(LuaMessage.from("get"), TIMEOUT).toJava();
        assertThat(now).isGreaterThanOrEqualTo(highestReply);
        assertThat(now).isLessThanOrEqualTo(220);
    }

    @Test
    void aJoiningMemberTakesOverPartitionsAndTheActorsMoveWithTheirState() {
        cluster = new TestCluster(2, 1, ClusterSettings.defaults());
        List<String> actors = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            actors.add("counter/move-" + i);
        }
        for (String actor : actors) {
            cluster.member(0).cluster().ref(actor).call(LuaMessage.from("inc"), TIMEOUT);
        }
        TestCluster.Member joined = cluster.add();
        cluster.awaitSize(3);
        List<String> moved = actors.stream().filter(a -> cluster.ownerOf(a) == joined).toList();
        assertThat(moved).isNotEmpty();
        // The old owners let go of what moved...
        await().atMost(TIMEOUT).until(() -> cluster.members.stream().filter(m -> m != joined)
                .noneMatch(m -> m.cluster().localActivations().stream().anyMatch(moved::contains)));
        // ...and the next message activates each moved actor on the new owner with its state.
        for (String actor : moved) {
            assertThat(cluster.member(0).cluster().ref(actor).call(LuaMessage.from("inc"), TIMEOUT))
                    .isEqualTo(LuaMessage.from(2));
            assertThat(joined.cluster().localActivations()).contains(actor);
        }
    }

    @Test
    void aRollingRestartKeepsEveryActorsState() {
        cluster = new TestCluster(3, 3, ClusterSettings.defaults());
        List<String> actors = List.of("counter/roll-1", "counter/roll-2", "counter/roll-3", "counter/roll-4");
        int expected = 0;
        for (int round = 0; round < 3; round++) {
            for (String actor : actors) {
                cluster.members.stream().filter(m -> m.hazelcast().getLifecycleService().isRunning()).findFirst()
                        .orElseThrow().cluster().ref(actor).call(LuaMessage.from("inc"), TIMEOUT);
            }
            expected++;
            // Replace member `round` by a new one: graceful shutdown hands its partitions over first.
            TestCluster.Member leaving = cluster.member(round);
            leaving.cluster().close();
            leaving.cluster().system().close();
            leaving.hazelcast().shutdown();
            cluster.add();
            cluster.awaitSize(3);
        }
        for (String actor : actors) {
            TestCluster.Member any = cluster.members.get(cluster.members.size() - 1);
            assertThat(any.cluster().ref(actor).call(LuaMessage.from("get"), TIMEOUT))
                    .isEqualTo(LuaMessage.from(expected));
        }
    }
}
