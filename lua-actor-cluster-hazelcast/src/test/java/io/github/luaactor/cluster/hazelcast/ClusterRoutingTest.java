package io.github.luaactor.cluster.hazelcast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaScriptException;
import io.github.luaactor.core.state.LuaStateCodec;
import io.github.luaactor.core.state.StateSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Three members in one JVM: placement, routing from Java and Lua, order, state commits. */
class ClusterRoutingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static TestCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new TestCluster(3, 0, ClusterSettings.defaults().withMaxMessageBytes(4096));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void eachActorLivesOnTheOwnerOfItsPartitionWhereverItIsSentFrom() {
        List<String> names = IntStream.range(0, 12).mapToObj(i -> "counter/place-" + i).toList();
        for (String name : names) {
            for (TestCluster.Member from : cluster.members) {
                from.cluster().ref(name).call(LuaMessage.from("inc"), TIMEOUT);
            }
        }
        for (String name : names) {
            TestCluster.Member owner = cluster.ownerOf(name);
            for (TestCluster.Member from : cluster.members) {
                assertThat(from.cluster().ref(name).call(LuaMessage.from("get"), TIMEOUT))
                        .isEqualTo(LuaMessage.from(3));
                assertThat(from.cluster().ref(name).call(LuaMessage.from("where"), TIMEOUT))
                        .isEqualTo(LuaMessage.from(owner.label()));
                assertThat(from.cluster().localActivations().contains(name)).isEqualTo(from == owner);
            }
        }
        // Twelve names over three members: at least two members hold some (placement spreads, it does not pin).
        assertThat(names.stream().map(n -> cluster.ownerOf(n).label()).distinct().count()).isGreaterThan(1);
    }

    @Test
    void luaActorsReachClusterActorsOnOtherMembersWithCtxSendAndDoSend() {
        String target = "counter/from-lua";
        TestCluster.Member owner = cluster.ownerOf(target);
        TestCluster.Member sender = cluster.other(owner);
        LuaActorRef relay = LuaActorBuilder.create().name("relay").onHandle("""
                ctx.do_send('counter/from-lua', 'inc')
                return ctx.send('counter/from-lua', 'inc')
                """).start(sender.cluster().system());
        try {
            assertThat(relay.call(LuaMessage.from(0), TIMEOUT)).isEqualTo(LuaMessage.from(2));
            assertThat(owner.cluster().ref(target).call(LuaMessage.from("get"), TIMEOUT)).isEqualTo(LuaMessage.from(2));
        } finally {
            relay.stop().join();
        }
    }

    @Test
    void messagesFromOneSenderArriveInOrder() {
        String target = "log/order";
        TestCluster.Member sender = cluster.other(cluster.ownerOf(target));
        LuaActorRef ref = sender.cluster().ref(target);
        for (int i = 1; i <= 200; i++) {
            ref.doSend(LuaMessage.from(i));
        }
        List<Object> expected = IntStream.rangeClosed(1, 200).<Object>mapToObj(i -> (long) i).toList();
        org.awaitility.Awaitility.await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(ref.call(LuaMessage.from("get"), TIMEOUT).toJava()).isEqualTo(expected));
    }

    @Test
    void manyAsksInFlightFromEveryMemberAllGetTheirReply() {
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            for (TestCluster.Member from : cluster.members) {
                replies.add(from.cluster().ref("counter/load-" + (i % 8)).send(LuaMessage.from("inc")));
            }
        }
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).join();
        long total = IntStream.range(0, 8).mapToLong(i -> (Long) cluster.member(0).cluster()
                .ref("counter/load-" + i).call(LuaMessage.from("get"), TIMEOUT).toJava()).sum();
        assertThat(total).isEqualTo(64 * 3);
    }

    @Test
    void aScriptErrorOnAnotherMemberReachesTheCallerNamingScriptAndLine() {
        String target = "fail/1";
        TestCluster.Member sender = cluster.other(cluster.ownerOf(target));
        assertThatThrownBy(() -> sender.cluster().ref(target).send(LuaMessage.from(1)).join())
                .hasCauseInstanceOf(RemoteFailureException.class)
                .hasMessageContaining("fail/1")
                .hasMessageContaining(":2:")
                .hasMessageContaining("boom");
        assertThatThrownBy(() -> sender.cluster().ref("nope/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope/x");
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedAtTheSender() {
        TestCluster.Member sender = cluster.other(cluster.ownerOf("log/big"));
        assertThatThrownBy(() -> sender.cluster().ref("log/big").send(LuaMessage.from("x".repeat(10_000))).join())
                .hasCauseInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining("4096");
    }

    @Test
    void stateIsCommittedWithRisingRevisionsAndAStaleRevisionIsRefused() {
        String target = "counter/revisions";
        TestCluster.Member from = cluster.member(0);
        for (int i = 0; i < 5; i++) {
            from.cluster().ref(target).call(LuaMessage.from("inc"), TIMEOUT);
        }
        HazelcastStateStore store = from.cluster().stateStore();
        StateSnapshot snapshot = store.load(target).orElseThrow();
        assertThat(snapshot.revision()).isEqualTo(5);
        assertThat(LuaStateCodec.decode(target, snapshot.bytes()).get("n").toint()).isEqualTo(5);
        assertThatThrownBy(() -> store.save(target, snapshot.bytes(), 4))
                .isInstanceOf(StateConflictException.class)
                .hasMessageContaining("revision 5");
        // The owner's next message still commits: it had seen revision 5.
        assertThat(from.cluster().ref(target).call(LuaMessage.from("inc"), TIMEOUT)).isEqualTo(LuaMessage.from(6));
        assertThat(store.load(target).orElseThrow().revision()).isEqualTo(6);
    }

    @Test
    void anOldOwnerCannotOverwriteANewerStateAndPicksTheNewerOneUp() {
        String target = "counter/stale";
        TestCluster.Member owner = cluster.ownerOf(target);
        owner.cluster().ref(target).call(LuaMessage.from("inc"), TIMEOUT);
        HazelcastStateStore store = owner.cluster().stateStore();
        // Another member commits behind the owner's back, as a new owner would after a move.
        long revision = store.load(target).orElseThrow().revision();
        LuaTable newer = new LuaTable();
        newer.set("n", LuaValue.valueOf(100));
        store.save(target, LuaStateCodec.encode(target, newer, 4096), revision);
        assertThatThrownBy(() -> owner.cluster().ref(target).send(LuaMessage.from("inc")).join())
                .hasCauseInstanceOf(StateConflictException.class);
        assertThat(store.load(target).orElseThrow().revision()).isEqualTo(revision + 1);
        // The failed commit put the newer state into ctx.state.
        assertThat(owner.cluster().ref(target).call(LuaMessage.from("inc"), TIMEOUT)).isEqualTo(LuaMessage.from(101));
    }

    @Test
    void namesOutsideTheCatalogStayLocalToEachMember() {
        TestCluster.Member a = cluster.member(0);
        LuaActorRef local = LuaActorBuilder.create().name("plain").onHandle("return ctx.send('member', 0)")
                .start(a.cluster().system());
        try {
            assertThat(local.call(LuaMessage.from(0), TIMEOUT)).isEqualTo(LuaMessage.from(a.label()));
            LuaActorRef caller = LuaActorBuilder.create().name("caller").onHandle("return ctx.send('plain', 0)")
                    .start(cluster.member(1).cluster().system());
            try {
                assertThatThrownBy(() -> caller.call(LuaMessage.from(0), TIMEOUT))
                        .isInstanceOf(LuaScriptException.class).hasMessageContaining("plain");
            } finally {
                caller.stop().join();
            }
        } finally {
            local.stop().join();
        }
    }
}
