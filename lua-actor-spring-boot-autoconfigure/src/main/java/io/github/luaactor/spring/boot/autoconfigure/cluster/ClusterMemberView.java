package io.github.luaactor.spring.boot.autoconfigure.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.github.luaactor.cluster.hazelcast.ClusterCounters;
import io.github.luaactor.cluster.hazelcast.HazelcastActorCluster;

/**
 * What health, metrics and the endpoint show of this member: the members, this one, its local activations, its
 * routing counters and whether the cluster has its minimum size.
 */
public final class ClusterMemberView {

    private final HazelcastActorCluster cluster;

    private final HazelcastInstance hazelcast;

    public ClusterMemberView(HazelcastActorCluster cluster, HazelcastInstance hazelcast) {
        this.cluster = cluster;
        this.hazelcast = hazelcast;
    }

    /** {@code host:port} of a member, its label in details and the {@code member} tag of metrics. */
    public static String address(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }

    public String localMember() {
        return address(this.cluster.localMember());
    }

    public List<String> members() {
        List<String> members = new ArrayList<>();
        this.cluster.members().forEach((member) -> members.add(address(member)));
        return members;
    }

    public int memberCount() {
        return this.cluster.members().size();
    }

    public int minClusterSize() {
        return this.cluster.settings().minClusterSize();
    }

    /** Whether no partition is migrating and every backup is in sync: the cluster is stable. */
    public boolean isClusterSafe() {
        return this.hazelcast.getPartitionService().isClusterSafe();
    }

    /** Whether the cluster has at least {@code lua-actor.cluster.min-cluster-size} members. */
    public boolean hasMinimumSize() {
        return memberCount() >= minClusterSize();
    }

    /** The cluster actors active on this member, sorted. */
    public List<String> localActivations() {
        return List.copyOf(new TreeSet<>(this.cluster.localActivations()));
    }

    /** Where the named cluster actor lives (or will be activated). */
    public String ownerOf(String name) {
        return address(this.cluster.ownerOf(name));
    }

    public int pendingAsks() {
        return this.cluster.pendingAsks();
    }

    public ClusterCounters counters() {
        return this.cluster.counters();
    }

    /** Details for health and the endpoint. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("localMember", localMember());
        details.put("members", members());
        details.put("minClusterSize", minClusterSize());
        details.put("clusterSafe", isClusterSafe());
        details.put("localActivations", localActivations());
        details.put("pendingAsks", pendingAsks());
        ClusterCounters counters = counters();
        Map<String, Long> routed = new LinkedHashMap<>();
        routed.put("localAsks", counters.localAsks());
        routed.put("remoteAsks", counters.remoteAsks());
        routed.put("remoteTells", counters.remoteTells());
        routed.put("delivered", counters.delivered());
        routed.put("unavailable", counters.unavailable());
        details.put("routed", routed);
        return details;
    }

}
