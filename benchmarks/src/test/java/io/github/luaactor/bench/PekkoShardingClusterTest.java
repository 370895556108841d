package io.github.luaactor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The cluster baseline does what the benchmark claims: three loopback members, the requests answered by an entity
 * on another member than the sender, so every ask crosses artery and {@link ShardedLuaSerializer} both ways.
 */
class PekkoShardingClusterTest {
    @Test
    void entityAsksCrossMembersAndReturnTheHandlersResult() throws Exception {
        List<Integer> ports = ClusterCrossMember.freePorts(3);
        try (PekkoShardingCluster cluster = PekkoShardingCluster.start(ports, Scripts.ADD_42)) {
            assertThat(cluster.remotePort()).isIn(ports.get(1), ports.get(2));

            assertThat(cluster.ask(100).get(60, TimeUnit.SECONDS)).isEqualTo(142);
            assertThat(cluster.ask(-42).get(60, TimeUnit.SECONDS)).isZero();
            // 64 in flight, as in the benchmark: every request answered, none lost
            Waits.pipeline(640, 64, i -> cluster.ask(i).thenAccept(r -> assertThat(r).isEqualTo(i + 42)));
        }
    }
}
