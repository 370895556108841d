package io.github.luaactor.spring.boot.autoconfigure.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Lua actors across a Hazelcast cluster ({@code lua-actor.cluster.*}, docs/cluster.md). The Hazelcast settings
 * ({@code port}, {@code members}, {@code cluster-name}, {@code hazelcast-properties}) apply only to the member this
 * starter builds when the application has no {@code HazelcastInstance} bean of its own.
 */
@ConfigurationProperties(LuaActorClusterProperties.PREFIX)
public class LuaActorClusterProperties {

    /** Prefix of the cluster properties. */
    public static final String PREFIX = "lua-actor.cluster";

    /**
     * Whether this application is a member of a Lua actor cluster: its script actors then live on the member that
     * owns their Hazelcast partition. Needs lua-actor-cluster-hazelcast and Hazelcast on the class path.
     */
    private boolean enabled;

    /**
     * Addresses (host:port, on 127.0.0.1 for members on one machine) where this member looks for the others, TCP-IP
     * join; multicast and auto-detection are off. Empty: 127.0.0.1 at this member's port only.
     */
    private List<String> members = new ArrayList<>();

    /** Port this member listens on (no auto-increment: a taken port fails start-up). */
    private int port = 5701;

    /** Address this member binds to and announces to the others. */
    private String interfaceAddress = "127.0.0.1";

    /** Hazelcast cluster name: only members with the same name join each other. */
    private String clusterName = "lua-actors";

    /**
     * Split-brain protection: on a side of a split with fewer members than this, the state map refuses reads and
     * writes (so its actors' messages fail), and the health indicator reports OUT_OF_SERVICE. 1 turns it off.
     */
    private int minClusterSize = 1;

    /** Longest a message to an actor on another member waits for its reply. */
    private Duration askTimeout = Duration.ofSeconds(10);

    /** Largest encoded message, reply or state a member sends or accepts. */
    private DataSize maxMessageSize = DataSize.ofMegabytes(1);

    /** Name of the Hazelcast map that holds the cluster actors' committed states. */
    private String stateMap = "lua-actor-state";

    /** Script actors that stay local to each member (as in single-JVM mode) instead of becoming cluster actors. */
    private List<String> localActors = new ArrayList<>();

    /** Further Hazelcast properties of the member this starter builds, such as hazelcast.partition.count. */
    private Map<String, String> hazelcastProperties = new LinkedHashMap<>();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getMembers() {
        return this.members;
    }

    public void setMembers(List<String> members) {
        this.members = members;
    }

    public int getPort() {
        return this.port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getInterfaceAddress() {
        return this.interfaceAddress;
    }

    public void setInterfaceAddress(String interfaceAddress) {
        this.interfaceAddress = interfaceAddress;
    }

    public String getClusterName() {
        return this.clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public int getMinClusterSize() {
        return this.minClusterSize;
    }

    public void setMinClusterSize(int minClusterSize) {
        this.minClusterSize = minClusterSize;
    }

    public Duration getAskTimeout() {
        return this.askTimeout;
    }

    public void setAskTimeout(Duration askTimeout) {
        this.askTimeout = askTimeout;
    }

    public DataSize getMaxMessageSize() {
        return this.maxMessageSize;
    }

    public void setMaxMessageSize(DataSize maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public String getStateMap() {
        return this.stateMap;
    }

    public void setStateMap(String stateMap) {
        this.stateMap = stateMap;
    }

    public List<String> getLocalActors() {
        return this.localActors;
    }

    public void setLocalActors(List<String> localActors) {
        this.localActors = localActors;
    }

    public Map<String, String> getHazelcastProperties() {
        return this.hazelcastProperties;
    }

    public void setHazelcastProperties(Map<String, String> hazelcastProperties) {
        this.hazelcastProperties = hazelcastProperties;
    }

}
