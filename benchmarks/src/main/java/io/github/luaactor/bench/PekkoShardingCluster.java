package io.github.luaactor.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.StreamSupport;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The baseline of {@link ClusterCrossMember}: Pekko cluster members in this JVM, artery (TCP) on 127.0.0.1 with one
 * port each, the first member the only seed node, and {@link ShardedLua} entities under Cluster Sharding on every
 * member. {@link #start} returns once every member sees all of them {@code Up} and has found an entity that another
 * member owns; requests go from the first member to that entity.
 */
final class PekkoShardingCluster implements AutoCloseable {
    private static final String NAME = "lua-bench";
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final List<ActorSystem<Void>> members;
    private final EntityRef<ShardedLua.Cmd> remote;
    private final int remotePort;

    private PekkoShardingCluster(List<ActorSystem<Void>> members, RemoteEntity remote) {
        this.members = members;
        this.remote = remote.ref();
        this.remotePort = remote.port();
    }

    /** An entity and the artery port of the member it runs on. */
    private record RemoteEntity(EntityRef<ShardedLua.Cmd> ref, int port) {
    }

    static PekkoShardingCluster start(List<Integer> ports, String script) {
        List<ActorSystem<Void>> members = new ArrayList<>();
        try {
            for (int port : ports) {
                ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), NAME, config(port, ports.get(0)));
                members.add(system);
                ClusterSharding.get(system).init(Entity.of(ShardedLua.ADDER,
                        entity -> ShardedLua.entity(script, port)));
            }
            awaitAllUp(members);
            RemoteEntity remote = entityOnAnotherMember(members.get(0), ports.get(0));
            PekkoShardingCluster cluster = new PekkoShardingCluster(members, remote);
            int answer = cluster.ask(100).get(STARTUP.toSeconds(), TimeUnit.SECONDS);
            if (answer != 142) {
                throw new IllegalStateException("the sharded Lua entity answered " + answer + " to 100, not 142");
            }
            return cluster;
        } catch (Exception e) {
            members.forEach(PekkoShardingCluster::terminate);
            throw new IllegalStateException("the Pekko sharding baseline did not start", e);
        }
    }

    /** One request from the first member to the entity on another member; completes with the handler's result. */
    CompletableFuture<Integer> ask(int value) {
        return remote.<ShardedLua.Answer>ask(replyTo -> new ShardedLua.Ask(value, replyTo), PekkoLua.ASK_TIMEOUT)
                .thenApply(ShardedLua.Answer::value).toCompletableFuture();
    }

    /** The artery port of the member that runs the entity the requests go to (not the sender's). */
    int remotePort() {
        return remotePort;
    }

    @Override
    public void close() {
        members.forEach(PekkoShardingCluster::terminate);
    }

    private static Config config(int port, int seedPort) {
        // Dead letters and cluster info logging off, as in PekkoLua.system; no JMX, no shutdown hook (JMH's fork
        // exits after tearDown). 100 shards instead of 1,000 keeps the allocation at start-up short.
        return ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.stdout-loglevel = WARNING
                pekko.log-dead-letters = off
                pekko.log-dead-letters-during-shutdown = off
                pekko.actor.provider = cluster
                pekko.actor.serializers.sharded-lua = "io.github.luaactor.bench.ShardedLuaSerializer"
                pekko.actor.serialization-bindings {
                  "io.github.luaactor.bench.ShardedLua$Wire" = sharded-lua
                }
                pekko.remote.artery.transport = tcp
                pekko.remote.artery.canonical.hostname = "127.0.0.1"
                pekko.remote.artery.canonical.port = %d
                pekko.remote.artery.bind.hostname = "127.0.0.1"
                pekko.cluster.seed-nodes = ["pekko://%s@127.0.0.1:%d"]
                pekko.cluster.jmx.enabled = off
                pekko.cluster.log-info = off
                pekko.cluster.sharding.number-of-shards = 100
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                """.formatted(port, NAME, seedPort)).withFallback(ConfigFactory.load());
    }

    private static void awaitAllUp(List<ActorSystem<Void>> members) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        for (ActorSystem<Void> system : members) {
            while (upMembers(system) < members.size()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(system.address() + " sees " + upMembers(system) + " of "
                            + members.size() + " members up after " + STARTUP.toSeconds() + " s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    private static long upMembers(ActorSystem<Void> system) {
        return StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
                .filter(member -> member.status().equals(MemberStatus.up())).count();
    }

    /** Asks entities {@code adder-0}, {@code adder-1}, ... where they run until one is not on {@code localPort}. */
    private static RemoteEntity entityOnAnotherMember(ActorSystem<Void> sender, int localPort) throws Exception {
        ClusterSharding sharding = ClusterSharding.get(sender);
        for (int i = 0; i < 1_000; i++) {
            EntityRef<ShardedLua.Cmd> ref = sharding.entityRefFor(ShardedLua.ADDER, "adder-" + i);
            int port = ref.<ShardedLua.Answer>ask(ShardedLua.Where::new, STARTUP).toCompletableFuture()
                    .get(STARTUP.toSeconds(), TimeUnit.SECONDS).value();
            if (port != localPort) {
                return new RemoteEntity(ref, port);
            }
        }
        throw new IllegalStateException("the first 1,000 entities all run on the sending member");
    }

    private static void terminate(ActorSystem<Void> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Pekko member " + system.address() + " did not terminate", e);
        }
    }
}
