package io.github.luaactor.cluster.hazelcast;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;

import static org.awaitility.Awaitility.await;

/** Several members in this JVM, on 127.0.0.1 only, each with its own ports; closed members are dropped. */
final class TestCluster implements AutoCloseable {
    /** Counts messages in ctx.state; 'get' reads, 'where' names the member it runs on (a per-member recipient). */
    static final String COUNTER = """
            if ctx.msg == 'where' then return ctx.send('member', 0) end
            local s = ctx.state
            if ctx.msg == 'get' then return s.n or 0 end
            s.n = (s.n or 0) + 1
            return s.n
            """;
    /** Appends each message to a list in ctx.state; 'get' returns the list. */
    static final String LOG = """
            local s = ctx.state
            s.items = s.items or {}
            if ctx.msg == 'get' then return s.items end
            s.items[#s.items + 1] = ctx.msg
            return #s.items
            """;

    final String name = "lua-test-" + UUID.randomUUID();
    final ClusterSettings settings;
    final List<Integer> ports;
    final List<Member> members = new ArrayList<>();

    record Member(String label, HazelcastInstance hazelcast, HazelcastActorCluster cluster) {
    }

    TestCluster(int size, int spares, ClusterSettings settings) {
        this.settings = settings;
        this.ports = freePorts(size + spares);
        for (int i = 0; i < size; i++) {
            add();
        }
        awaitSize(size);
    }

    static ActorCatalog catalog() {
        return new ActorCatalog()
                .define("counter/*", () -> LuaActorBuilder.create().onHandle(COUNTER))
                .define("log/*", () -> LuaActorBuilder.create().onHandle(LOG))
                .define("fail/*", () -> LuaActorBuilder.create().onHandle("local x = 1\nerror('boom')"));
    }

    Member add() {
        return add(config -> {
        });
    }

    /** A member whose Hazelcast configuration {@code configure} changes first. */
    Member add(java.util.function.Consumer<Config> configure) {
        int index = members.size();
        int port = ports.get(index);
        Config config = LoopbackHazelcast.config(name, port, ports, settings);
        configure.accept(config);
        config.setProperty("hazelcast.partition.count", "31");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "20");
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
        String label = "m" + index + "@" + port;
        LuaActorSystem.Builder builder = LuaActorSystem.builder().shutdownTimeout(Duration.ofSeconds(2));
        HazelcastActorCluster cluster;
        if (index % 2 == 0) {
            cluster = HazelcastActorCluster.start(hz, builder, catalog(), settings);
        } else {
            // The way a caller that builds the system itself (an auto-configuration) wires a member.
            cluster = HazelcastActorCluster.create(hz, catalog(), settings);
            cluster.bind(builder.remoteActors(cluster.remoteActors()).build());
        }
        cluster.system().addRecipient("member", m -> LuaMessage.from(label));
        Member member = new Member(label, hz, cluster);
        members.add(member);
        return member;
    }

    Member member(int i) {
        return members.get(i);
    }

    /** The running member that owns the actor. */
    Member ownerOf(String actor) {
        UUID owner = members.stream().filter(m -> m.hazelcast.getLifecycleService().isRunning()).findFirst()
                .orElseThrow().cluster.ownerOf(actor).getUuid();
        return members.stream().filter(m -> m.hazelcast.getLifecycleService().isRunning()
                && m.hazelcast.getCluster().getLocalMember().getUuid().equals(owner)).findFirst().orElseThrow();
    }

    /** Some running member other than {@code not}. */
    Member other(Member not) {
        return members.stream().filter(m -> m != not && m.hazelcast.getLifecycleService().isRunning()).findFirst()
                .orElseThrow();
    }

    /** Kills a member without a graceful shutdown: no partition hand-over, no goodbye to the others. */
    void kill(Member member) {
        member.hazelcast.getLifecycleService().terminate();
        member.cluster.system().close();
    }

    void awaitSize(int size) {
        await().atMost(Duration.ofSeconds(60)).until(() -> members.stream()
                .filter(m -> m.hazelcast.getLifecycleService().isRunning())
                .allMatch(m -> m.hazelcast.getCluster().getMembers().size() == size
                        && m.hazelcast.getPartitionService().isClusterSafe()));
    }

    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }

    @Override
    public void close() {
        for (Member m : members) {
            try {
                m.cluster.close();
                m.cluster.system().close();
            } catch (RuntimeException ignored) {
                // already closed by kill
            }
            m.hazelcast.getLifecycleService().terminate();
        }
    }
}
