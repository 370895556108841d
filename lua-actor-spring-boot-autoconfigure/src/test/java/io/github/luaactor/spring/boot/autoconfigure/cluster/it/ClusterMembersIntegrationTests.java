package io.github.luaactor.spring.boot.autoconfigure.cluster.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three Spring Boot members ({@link ClusterMemberApplication}) in JVMs of their own on 127.0.0.1, TCP-IP join,
 * multicast, auto-detection and phone-home off. The test sends to the cluster actor {@code counter} through each
 * member's {@code luaactors} endpoint, kills its owner with SIGKILL under load, adds a member back and restarts every
 * member in turn. Waits are conditions with generous limits, never fixed sleeps.
 */
class ClusterMembersIntegrationTests {

    private static final Duration START = Duration.ofSeconds(120);

    private static final Duration SETTLE = Duration.ofSeconds(90);

    private static final String COUNTER = "counter";

    private final String clusterName = "lua-it-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    private final List<MemberProcess> processes = new ArrayList<>();

    private List<Integer> httpPorts;

    private List<Integer> hazelcastPorts;

    @AfterEach
    void stopAll() {
        this.processes.forEach(MemberProcess::kill);
    }

    @Test
    void threeMembersSurviveAKilledOwnerAMemberAddedBackAndARollingRestart() throws Exception {
        List<Integer> ports = freePorts(8);
        this.httpPorts = ports.subList(0, 4);
        this.hazelcastPorts = ports.subList(4, 8);
        List<MemberProcess> members = new ArrayList<>();
        for (int slot = 0; slot < 3; slot++) {
            members.add(start(slot));
        }
        awaitCluster(members);

        // Sends from each member reach the one activation of the counter, wherever it lives.
        long expected = 0;
        for (int round = 0; round < 4; round++) {
            for (MemberProcess member : members) {
                assertThat(member.call(COUNTER, "inc")).as("reply through %s", member).isEqualTo(++expected);
            }
        }
        MemberProcess owner = owner(members);
        List<MemberProcess> survivors = new ArrayList<>(members);
        survivors.remove(owner);

        // Load from the two other members; the owner is killed once a third of the replies have arrived.
        int total = 60;
        List<CompletableFuture<MemberProcess.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            replies.add(survivors.get(i % 2).send(COUNTER, "inc"));
        }
        await().atMost(SETTLE).until(() -> replies.stream().filter(CompletableFuture::isDone).count() >= total / 3);
        owner.kill();
        await().atMost(SETTLE).until(() -> replies.stream().allMatch(CompletableFuture::isDone));
        List<Long> values = new ArrayList<>();
        long highest = expected;
        for (CompletableFuture<MemberProcess.Reply> future : replies) {
            MemberProcess.Reply reply;
            try {
                reply = future.join();
            }
            catch (CompletionException ex) {
                throw new AssertionError("A caller got no HTTP answer at all", ex);
            }
            if (reply.status() == 200) {
                long value = reply.body().get("reply").asLong();
                values.add(value);
                highest = Math.max(highest, value);
            }
            else {
                // An exception, reported: the owner left (503/500) or the reply did not come in time (504).
                assertThat(reply.status()).as("error answer %s", reply).isBetween(500, 504);
                assertThat(reply.body().has("error") || reply.body().has("message")).as("%s", reply).isTrue();
            }
        }
        assertThat(values).doesNotHaveDuplicates().allSatisfy((v) -> assertThat(v).isGreaterThan(12));
        assertThat(values.size()).isGreaterThanOrEqualTo(total / 3);
        members = survivors;
        awaitCluster(members);
        // State kept up to the last committed message: every reply's count was committed before it was sent.
        long now = members.get(0).call(COUNTER, "get");
        assertThat(now).isBetween(highest, expected + total);
        assertThat(members.get(1).call(COUNTER, "get")).isEqualTo(now);

        // A member added back: partitions rebalance onto it; the counter continues from its committed state.
        int freeSlot = slotOf(owner);
        members.add(start(freeSlot));
        awaitCluster(members);
        assertThat(members.get(2).call(COUNTER, "inc")).isEqualTo(now + 1);
        assertThat(activations(members)).as("one activation of the counter").isEqualTo(1);
        now++;

        // A rolling restart: each member in turn is stopped gracefully and started again.
        for (int i = 0; i < members.size(); i++) {
            MemberProcess old = members.get(i);
            old.stop();
            List<MemberProcess> others = new ArrayList<>(members);
            others.remove(old);
            awaitCluster(others);
            assertThat(others.get(0).call(COUNTER, "inc")).as("after %s stopped", old).isEqualTo(++now);
            MemberProcess fresh = start(slotOf(old));
            members.set(i, fresh);
            awaitCluster(members);
            assertThat(fresh.call(COUNTER, "inc")).as("through restarted %s", fresh).isEqualTo(++now);
        }
        for (MemberProcess member : members) {
            assertThat(member.call(COUNTER, "get")).isEqualTo(now);
        }
    }

    private MemberProcess start(int slot) throws IOException {
        MemberProcess member = MemberProcess.start("member" + slot + "-" + this.processes.size(), this.clusterName,
                this.httpPorts.get(slot), this.hazelcastPorts.get(slot), this.hazelcastPorts, this.http);
        this.processes.add(member);
        return member;
    }

    private int slotOf(MemberProcess member) {
        return this.hazelcastPorts.indexOf(member.hazelcastPort());
    }

    private static void awaitCluster(List<MemberProcess> members) {
        await().atMost(START).pollInterval(Duration.ofMillis(500))
            .until(() -> members.stream().allMatch((m) -> m.isAlive() && m.sees(members.size())));
    }

    private static MemberProcess owner(List<MemberProcess> members) {
        List<MemberProcess> owners = members.stream().filter((m) -> m.hasActivation(COUNTER)).toList();
        assertThat(owners).as("members with the counter active").hasSize(1);
        return owners.get(0);
    }

    private static long activations(List<MemberProcess> members) {
        return members.stream().filter((m) -> m.hasActivation(COUNTER)).count();
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        }
        finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

}
