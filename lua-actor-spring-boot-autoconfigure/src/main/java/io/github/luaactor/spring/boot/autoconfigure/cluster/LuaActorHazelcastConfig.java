package io.github.luaactor.spring.boot.autoconfigure.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.github.luaactor.cluster.hazelcast.ClusterSettings;
import io.github.luaactor.cluster.hazelcast.LoopbackHazelcast;

/**
 * The Hazelcast configuration of the member the starter builds when the application has no {@code HazelcastInstance}:
 * TCP-IP join on the listed members only (multicast, auto-detection, phone-home and the REST API off), bound to one
 * address, plus what the Lua actor cluster needs ({@link LoopbackHazelcast#apply}).
 */
final class LuaActorHazelcastConfig {

    private LuaActorHazelcastConfig() {
    }

    static Config create(LuaActorClusterProperties properties, ClusterSettings settings) {
        String address = properties.getInterfaceAddress();
        int port = properties.getPort();
        Config config = new Config();
        config.setClusterName(properties.getClusterName());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.local.localAddress", address);
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false).setPublicAddress(address + ":" + port);
        network.getInterfaces().setEnabled(true).addInterface(address);
        network.getRestApiConfig().setEnabled(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        if (properties.getMembers().isEmpty()) {
            join.getTcpIpConfig().addMember(address + ":" + port);
        }
        properties.getMembers().forEach((member) -> join.getTcpIpConfig().addMember(member.trim()));
        properties.getHazelcastProperties().forEach(config::setProperty);
        LoopbackHazelcast.apply(config, settings);
        // After the user's properties: this starter never reports to Hazelcast's phone-home service.
        config.setProperty("hazelcast.phone.home.enabled", "false");
        return config;
    }

}
