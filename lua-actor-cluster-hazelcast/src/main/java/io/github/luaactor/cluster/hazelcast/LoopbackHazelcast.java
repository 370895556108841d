package io.github.luaactor.cluster.hazelcast;

import java.util.List;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.TopicConfig;

/**
 * Hazelcast configuration for Lua actor members: {@link #apply} adds what the cluster needs to any configuration
 * (the state map with one synchronous backup, split-brain protection and the higher-revision merge policy, and the
 * two single-threaded executors that keep message order); {@link #config} is a complete one for members on one
 * machine, which binds and joins on 127.0.0.1 only, with multicast, auto-detection and phone-home off.
 */
public final class LoopbackHazelcast {
    /**
     * A member attribute that {@link #apply} sets to {@link #TOPIC_TRANSPORT}: the member takes batches on its own
     * topic ({@link ClusterSettings#MEMBER_TOPIC_PREFIX}). A member without it (an earlier release) is sent
     * deliveries as {@link DeliverProcessor}s and replies as {@link BatchTask}s.
     */
    public static final String TRANSPORT_ATTRIBUTE = "lua-actor.transport";
    public static final String TOPIC_TRANSPORT = "topic";

    private LoopbackHazelcast() {
    }

    /** Adds the Lua actor cluster's map and executors to {@code config}; returns it. */
    public static Config apply(Config config, ClusterSettings settings) {
        MapConfig state = new MapConfig(settings.stateMap())
                .setBackupCount(1)
                .setAsyncBackupCount(0)
                .setMergePolicyConfig(new MergePolicyConfig(HigherRevisionMergePolicy.class.getName(),
                        MergePolicyConfig.DEFAULT_BATCH_SIZE));
        if (settings.minClusterSize() > 1) {
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(
                    ClusterSettings.SPLIT_BRAIN_PROTECTION, true, settings.minClusterSize()));
            state.setSplitBrainProtectionName(ClusterSettings.SPLIT_BRAIN_PROTECTION);
        }
        config.addMapConfig(state);
        // Deliveries run as entry processors on this map's partitions; nothing is stored, so nothing to back up.
        config.addMapConfig(new MapConfig(ClusterSettings.INBOX_MAP).setBackupCount(0).setAsyncBackupCount(0)
                .setStatisticsEnabled(false));
        // One thread each: delivery order is the order messages reach the member, and neither task ever blocks.
        // Batches of replies run on the first; the second serves ReplyTasks of the previous release.
        config.addExecutorConfig(new ExecutorConfig(ClusterSettings.DELIVERY_EXECUTOR, 1));
        config.addExecutorConfig(new ExecutorConfig(ClusterSettings.REPLY_EXECUTOR, 1));
        // Each member takes batches on a topic of its own: published straight to it as an event (one packet, no
        // acknowledgement), in the order each publisher published (no global ordering, one event thread), and
        // handled on its event thread.
        config.addTopicConfig(new TopicConfig(ClusterSettings.MEMBER_TOPIC_PREFIX + "*").setGlobalOrderingEnabled(false)
                .setMultiThreadingEnabled(false).setStatisticsEnabled(false));
        config.getMemberAttributeConfig().setAttribute(TRANSPORT_ATTRIBUTE, TOPIC_TRANSPORT);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        return config;
    }

    /**
     * A member of a cluster on this machine: it listens on 127.0.0.1:{@code port} and finds the others on
     * 127.0.0.1 at {@code memberPorts}.
     */
    public static Config config(String clusterName, int port, List<Integer> memberPorts, ClusterSettings settings) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false).setPublicAddress("127.0.0.1:" + port);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        network.getRestApiConfig().setEnabled(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int member : memberPorts) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + member);
        }
        return apply(config, settings);
    }
}
