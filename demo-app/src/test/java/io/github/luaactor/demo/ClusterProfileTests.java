package io.github.luaactor.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import io.github.luaactor.cluster.hazelcast.HazelcastActorCluster;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "cluster" profile: a one-member cluster on a free loopback port. {@code visits} is a cluster actor; the
 * router (and its windows) stay local; without the profile nothing of the cluster starts.
 */
class ClusterProfileTests {

    @Test
    void theClusterProfileMakesVisitsAClusterActorAndKeepsTheRouterLocal() throws IOException {
        int port = freePort();
        try (ConfigurableApplicationContext demo = new SpringApplicationBuilder(DemoApplication.class).run(
                "--spring.profiles.active=cluster", "--server.port=0", "--demo.generator.enabled=false",
                "--lua-actor.cluster.port=" + port, "--lua-actor.cluster.members=127.0.0.1:" + port,
                "--lua-actor.cluster.cluster-name=demo-test-" + UUID.randomUUID())) {
            HazelcastActorCluster cluster = demo.getBean(HazelcastActorCluster.class);
            LuaActorRef visits = demo.getBean("visits", LuaActorRef.class);
            assertThat(visits.call(LuaMessage.from("hello"), Duration.ofSeconds(20))).isEqualTo(LuaMessage.from(1L));
            assertThat(visits.call(LuaMessage.from("get"), Duration.ofSeconds(20))).isEqualTo(LuaMessage.from(1L));
            assertThat(cluster.localActivations()).containsExactly("visits");
            assertThat(demo.getBean(LuaActorSystem.class).actor("router")).isPresent();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
