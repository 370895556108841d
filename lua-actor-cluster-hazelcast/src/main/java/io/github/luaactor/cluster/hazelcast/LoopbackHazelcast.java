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
     * A member attribute that {@link #apply} sets to {@link #REPLY_TOPIC}: the member takes replies on its reply
     * topic. Replies to a member without it (an earlier release) go as {@link BatchTask}s.
     */
    public static final String REPLY_PATH_ATTRIBUTE = "lua-actor.reply-path";
    public static final String REPLY_TOPIC = "topic";

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
        // Each member's replies come on a topic of its own: published straight to it as an event (one packet, no
        // acknowledgement), in the order published, and handled on its event thread.
        config.addTopicConfig(new TopicConfig(ClusterSettings.REPLY_TOPIC_PREFIX + "*").setGlobalOrderingEnabled(false)
                .setMultiThreadingEnabled(false).setStatisticsEnabled(false));
        config.getMemberAttributeConfig().setAttribute(REPLY_PATH_ATTRIBUTE, REPLY_TOPIC);
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
