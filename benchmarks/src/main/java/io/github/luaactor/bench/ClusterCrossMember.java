package io.github.luaactor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.luaactor.cluster.hazelcast.ActorCatalog;
import io.github.luaactor.cluster.hazelcast.ClusterSettings;
import io.github.luaactor.cluster.hazelcast.HazelcastActorCluster;
import io.github.luaactor.cluster.hazelcast.LoopbackHazelcast;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 9, the cluster (issue #21): three members in this JVM on 127.0.0.1, {@link Scripts#ADD_42} as a cluster
 * actor owned by another member than the sender. The project runs on three Hazelcast members; the baseline on three
 * Pekko cluster members with the same handler in Cluster Sharding entities ({@link PekkoShardingCluster}). A
 * member-local tell checks that cluster mode leaves local sends as fast as {@link TellBench}'s. Part of the default
 * run ({@link BenchMain} includes this class by name); alone: {@code -include ClusterCrossMember}.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClusterCrossMember {
    static final int IN_FLIGHT = 64;
    static final int REQUESTS = 5_000;
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @State(Scope.Benchmark)
    public static class Members {
        final List<HazelcastInstance> instances = new ArrayList<>();
        final List<HazelcastActorCluster> members = new ArrayList<>();
        LuaActorRef remote;
        LuaActorRef relay;
        final LuaMessage hundred = LuaMessage.from(100);

        @Setup
        public void setup() {
            List<Integer> ports = freePorts(3);
            ClusterSettings settings = ClusterSettings.defaults();
            ActorCatalog catalog = new ActorCatalog()
                    .define("adder/*", () -> LuaActorBuilder.create().onHandle(Scripts.ADD_42));
            for (int port : ports) {
                Config config = LoopbackHazelcast.config("lua-bench", port, ports, settings);
                config.setProperty("hazelcast.logging.type", "none");
                HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
                instances.add(hz);
                members.add(HazelcastActorCluster.start(hz, LuaActorSystem.builder(), catalog, settings));
            }
            HazelcastActorCluster sender = members.get(0);
            String target = null;
            for (int i = 0; target == null; i++) {
                if (!sender.ownerOf("adder/" + i).localMember()) {
                    target = "adder/" + i;
                }
            }
            remote = sender.ref(target);
            relay = LuaActorBuilder.create().name("relay")
                    .onHandle("return ctx.send('" + target + "', ctx.msg)").start(sender.system());
        }

        @TearDown
        public void tearDown() {
            members.forEach(HazelcastActorCluster::close);
            instances.forEach(hz -> hz.getLifecycleService().terminate());
        }
    }

    /**
     * One cluster member with a plain actor, for the local tell. One member, not the three above: in a deployment
     * the other members run in other JVMs, and two more Hazelcast instances' threads on this 2-core machine would
     * measure their CPU use, not what cluster mode adds to a local send.
     */
    @State(Scope.Benchmark)
    public static class LocalMember {
        HazelcastInstance hazelcast;
        HazelcastActorCluster member;
        LuaActorRef counter;
        final LuaMessage one = LuaMessage.from(1);

        @Setup
        public void setup() {
            List<Integer> port = freePorts(1);
            ClusterSettings settings = ClusterSettings.defaults();
            Config config = LoopbackHazelcast.config("lua-bench-local", port.get(0), port, settings);
            config.setProperty("hazelcast.logging.type", "none");
            hazelcast = Hazelcast.newHazelcastInstance(config);
            member = HazelcastActorCluster.start(hazelcast, LuaActorSystem.builder(), new ActorCatalog()
                    .define("adder/*", () -> LuaActorBuilder.create().onHandle(Scripts.ADD_42)), settings);
            // As TellBench's actor: unbounded mailbox, since the default would refuse a 2,000,000-message burst.
            counter = LuaActorBuilder.create().name("counter").onHandle(Scripts.ADD_TO_STATE).mailboxCapacity(0)
                    .start(member.system());
        }

        @TearDown
        public void tearDown() {
            member.close();
            hazelcast.getLifecycleService().terminate();
        }
    }

    @State(Scope.Benchmark)
    public static class Pekko {
        PekkoShardingCluster cluster;

        @Setup
        public void setup() {
            cluster = PekkoShardingCluster.start(freePorts(3), Scripts.ADD_42);
        }

        @TearDown
        public void tearDown() {
            cluster.close();
        }
    }

    /** {@code send().get()} to an actor on another member: microseconds per round trip. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public LuaMessage crossMemberSendGet(Members s) throws Exception {
        return s.remote.send(s.hundred).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** {@code ctx.send} from a Lua actor to an actor on another member, 64 round trips in flight. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(REQUESTS)
    public void crossMemberCtxSendInFlight(Members s) throws Exception {
        Waits.pipeline(REQUESTS, IN_FLIGHT, i -> s.relay.send(s.hundred));
    }

    /** Baseline of {@link #crossMemberSendGet}: a sharded entity ask from the first Pekko member to another's. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Integer pekkoShardingAsk(Pekko s) throws Exception {
        return s.cluster.ask(100).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Baseline of {@link #crossMemberCtxSendInFlight}: 64 entity asks in flight, straight from Java (no relay actor on
     * the sending member, so one local hop fewer than the project's side).
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(REQUESTS)
    public void pekkoShardingAskInFlight(Pekko s) throws Exception {
        Waits.pipeline(REQUESTS, IN_FLIGHT, i -> s.cluster.ask(100));
    }

    /**
     * {@link TellBench#project} against a plain actor on a cluster member's system: messages per second. Three forks,
     * as {@link TellBench}: one fork of a 2,000,000-message burst wanders by half between runs on 2 cores.
     */
    @Benchmark
    @Fork(3)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(TellBench.MESSAGES)
    public LuaMessage localTell(LocalMember s) throws Exception {
        return Waits.tellThenAsk(s.counter, s.one, TellBench.MESSAGES);
    }

    static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a probe socket
                }
            }
        }
    }
}
