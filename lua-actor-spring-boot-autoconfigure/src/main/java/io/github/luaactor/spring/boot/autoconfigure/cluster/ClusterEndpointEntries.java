package io.github.luaactor.spring.boot.autoconfigure.cluster;

import java.util.Map;

import io.github.luaactor.cluster.hazelcast.HazelcastActorCluster;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.spring.boot.actuate.LuaActorsEndpointCluster;
import org.jspecify.annotations.Nullable;

/** The {@code luaactors} endpoint's view of this member: its cluster entry, and cluster actors wherever they live. */
final class ClusterEndpointEntries implements LuaActorsEndpointCluster {

    private final HazelcastActorCluster cluster;

    private final ClusterActorNames names;

    private final ClusterMemberView member;

    ClusterEndpointEntries(HazelcastActorCluster cluster, ClusterActorNames names, ClusterMemberView member) {
        this.cluster = cluster;
        this.names = names;
        this.member = member;
    }

    @Override
    public @Nullable LuaActorRef find(String name) {
        return this.names.isClustered(name) ? this.cluster.ref(name) : null;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> details = this.member.details();
        details.put("clusterActors", this.names.names());
        return details;
    }

}
