package io.github.luaactor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * Cluster workloads (issue #21) on three Hazelcast members in this JVM, on 127.0.0.1: {@link Scripts#ADD_42} as a
 * cluster actor owned by another member than the sender. Not part of the default run (the class name does not end in
 * {@code Bench}): run it with {@code -include ClusterCrossMember}. The Pekko Cluster Sharding baseline is not
 * written yet.
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
        List<CompletableFuture<LuaMessage>> window = new ArrayList<>(IN_FLIGHT);
        for (int sent = 0; sent < REQUESTS; sent += IN_FLIGHT) {
            window.clear();
            for (int i = 0; i < IN_FLIGHT; i++) {
                window.add(s.relay.send(s.hundred));
            }
            CompletableFuture.allOf(window.toArray(CompletableFuture[]::new))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static List<Integer> freePorts(int count) {
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
