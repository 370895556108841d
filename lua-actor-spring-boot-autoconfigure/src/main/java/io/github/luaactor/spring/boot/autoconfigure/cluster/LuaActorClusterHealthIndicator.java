package io.github.luaactor.spring.boot.autoconfigure.cluster;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of this Lua actor cluster member ({@code luaActorsCluster}): {@code OUT_OF_SERVICE} while the cluster has
 * fewer members than {@code lua-actor.cluster.min-cluster-size} (the state map then refuses reads and writes, so
 * cluster actors' messages fail), {@code DOWN} when the Hazelcast member is not running, otherwise {@code UP}.
 * Details list the members, this member, its local activations and what it routed.
 */
public class LuaActorClusterHealthIndicator extends AbstractHealthIndicator {

    private final ClusterMemberView member;

    public LuaActorClusterHealthIndicator(ClusterMemberView member) {
        super("Lua actor cluster health check failed");
        this.member = member;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.status(this.member.hasMinimumSize() ? Status.UP : Status.OUT_OF_SERVICE)
            .withDetails(this.member.details());
    }

}
