package io.github.luaactor.cluster.hazelcast;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;

/**
 * A cluster member in a JVM of its own, for {@link SeparateJvmClusterTest}: arguments are the cluster name, this
 * member's port and every member's port. Prints {@code READY <member uuid>} once it takes part, then runs until
 * killed.
 */
public final class MemberProcessMain {
    private MemberProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String clusterName = args[0];
        int port = Integer.parseInt(args[1]);
        List<Integer> ports = Arrays.stream(args).skip(2).map(Integer::valueOf).toList();
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config(clusterName, port, ports, false));
        HazelcastActorCluster member = HazelcastActorCluster.start(hz,
                LuaActorSystem.builder().shutdownTimeout(Duration.ofSeconds(2)), TestCluster.catalog(),
                ClusterSettings.defaults());
        String label = "process@" + port;
        member.system().addRecipient("member", m -> LuaMessage.from(label));
        // The test reads this line from the process's output.
        System.out.println("READY " + hz.getCluster().getLocalMember().getUuid());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    static Config config(String clusterName, int port, List<Integer> ports, boolean lite) {
        Config config = LoopbackHazelcast.config(clusterName, port, ports, ClusterSettings.defaults());
        config.setProperty("hazelcast.partition.count", "31");
        // A killed process closes its sockets at once; this bounds detection if a connection lingers.
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setLiteMember(lite);
        return config;
    }
}
