package io.github.luaactor.spring.boot.autoconfigure.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.luaactor.cluster.hazelcast.ClusterSettings;
import io.github.luaactor.cluster.hazelcast.HazelcastActorCluster;
import io.github.luaactor.cluster.hazelcast.LoopbackHazelcast;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.spring.boot.actuate.LuaActorsEndpointCluster;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorLifecycle;
import io.github.luaactor.spring.boot.autoconfigure.UnknownLuaActorPropertiesException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lua-actor.cluster.enabled}: off by default, a one-member cluster with it, backing off from user beans. */
class LuaActorClusterAutoConfigurationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LuaActorClusterAutoConfiguration.class,
                LuaActorClusterObservabilityAutoConfiguration.class, LuaActorAutoConfiguration.class))
        .withPropertyValues("lua-actor.scripts=classpath:cluster-test/*.lua",
                "lua-actor.cluster.hazelcast-properties.hazelcast.partition.count=11");

    private static String member() {
        return "lua-actor.cluster.port=" + freePort();
    }

    private static String clusterName() {
        return "lua-actor.cluster.cluster-name=test-" + System.nanoTime();
    }

    private static LuaMessage ask(LuaActorRef actor, Object message) throws Exception {
        return actor.call(LuaMessage.from(message), TIMEOUT);
    }

    @Test
    void offByDefault() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(LuaActorSystem.class)
                .doesNotHaveBean(HazelcastActorCluster.class).doesNotHaveBean(HazelcastInstance.class);
            assertThat(context.getBean(LuaActorLifecycle.class)).isNotInstanceOf(ClusterLuaActorLifecycle.class);
            assertThat(ask(context.getBean("counter", LuaActorRef.class), "inc")).isEqualTo(LuaMessage.from(1L));
        });
    }

    @Test
    void scriptActorsBecomeClusterActorsOnAMemberBuiltFromTheProperties() {
        this.runner.withPropertyValues("lua-actor.cluster.enabled=true", member(), clusterName()).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(HazelcastActorCluster.class)
                .hasSingleBean(HazelcastInstance.class).hasBean("luaActorHazelcastInstance");
            assertThat(context.getBean(LuaActorLifecycle.class)).isInstanceOf(ClusterLuaActorLifecycle.class);
            HazelcastActorCluster cluster = context.getBean(HazelcastActorCluster.class);
            HazelcastInstance hazelcast = context.getBean(HazelcastInstance.class);
            assertThat(hazelcast.getConfig().getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
            assertThat(hazelcast.getConfig().getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
            assertThat(cluster.localActivations()).isEmpty();
            LuaActorRef counter = context.getBean("counter", LuaActorRef.class);
            assertThat(ask(counter, "inc")).isEqualTo(LuaMessage.from(1L));
            // ctx.send from another cluster actor reaches the same activation and its committed state.
            assertThat(ask(context.getBean("relay", LuaActorRef.class), "inc")).isEqualTo(LuaMessage.from(2L));
            assertThat(cluster.localActivations()).containsExactlyInAnyOrder("counter", "relay");
            assertThat(cluster.stateStore().load("counter")).isPresent();
        });
    }

    @Test
    void localActorsStayLocal() {
        this.runner.withPropertyValues("lua-actor.cluster.enabled=true", member(), clusterName(),
                "lua-actor.cluster.local-actors=relay").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ClusterActorNames.class).names()).containsExactly("counter");
            assertThat(ask(context.getBean("relay", LuaActorRef.class), "inc")).isEqualTo(LuaMessage.from(1L));
            assertThat(context.getBean(HazelcastActorCluster.class).localActivations()).containsExactly("counter");
            assertThat(context.getBean(LuaActorSystem.class).actor("relay")).isPresent();
        });
    }

    @Test
    void usesTheApplicationsHazelcastInstance() {
        this.runner.withPropertyValues("lua-actor.cluster.enabled=true", clusterName())
            .withUserConfiguration(UserHazelcast.class).run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(HazelcastInstance.class)
                    .hasBean("userHazelcast").doesNotHaveBean("luaActorHazelcastInstance");
                assertThat(ask(context.getBean("counter", LuaActorRef.class), "inc")).isEqualTo(LuaMessage.from(1L));
                assertThat(context.getBean(HazelcastActorCluster.class).localMember())
                    .isEqualTo(context.getBean(HazelcastInstance.class).getCluster().getLocalMember());
            });
    }

    @Test
    void springBootsHazelcastInstanceGetsWhatTheClusterNeeds() {
        this.runner.withConfiguration(AutoConfigurations.of(HazelcastAutoConfiguration.class))
            .withPropertyValues("lua-actor.cluster.enabled=true",
                    "spring.hazelcast.config=classpath:cluster-test/hazelcast.yaml")
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(HazelcastInstance.class)
                    .hasBean("hazelcastInstance").doesNotHaveBean("luaActorHazelcastInstance");
                var config = context.getBean(HazelcastInstance.class).getConfig();
                assertThat(config.getMapConfigs()).containsKey("lua-actor-state");
                assertThat(config.getMapConfig("lua-actor-state").getBackupCount()).isEqualTo(1);
                assertThat(config.getExecutorConfig(ClusterSettings.DELIVERY_EXECUTOR).getPoolSize()).isEqualTo(1);
                assertThat(ask(context.getBean("counter", LuaActorRef.class), "inc")).isEqualTo(LuaMessage.from(1L));
            });
    }

    @Test
    void backsOffFromTheApplicationsClusterSettings() {
        this.runner.withPropertyValues("lua-actor.cluster.enabled=true", member(), clusterName())
            .withUserConfiguration(UserSettings.class).run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(ClusterSettings.class);
                assertThat(context.getBean(HazelcastActorCluster.class).settings().askTimeout())
                    .isEqualTo(Duration.ofSeconds(3));
            });
    }

    @Test
    void offWithoutTheClusterModule() {
        this.runner.withPropertyValues("lua-actor.cluster.enabled=true")
            .withClassLoader(new FilteredClassLoader(HazelcastActorCluster.class)).run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(HazelcastInstance.class);
                assertThat(ask(context.getBean("counter", LuaActorRef.class), "inc")).isEqualTo(LuaMessage.from(1L));
            });
    }

    @Test
    void aMisspeltClusterKeyFailsStartUp() {
        this.runner.withPropertyValues("lua-actor.cluster.enabled=true", "lua-actor.cluster.prot=5701")
            .run((context) -> assertThat(context).getFailure()
                .isInstanceOf(UnknownLuaActorPropertiesException.class)
                .hasMessageContaining("'lua-actor.cluster.prot'").hasMessageContaining("'lua-actor.cluster.port'"));
    }

    @Test
    void healthMetricsAndEndpointShowTheMember() {
        this.runner.withPropertyValues("lua-actor.cluster.enabled=true", member(), clusterName()).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(LuaActorClusterHealthIndicator.class);
            ask(context.getBean("counter", LuaActorRef.class), "inc");
            String local = context.getBean(ClusterMemberView.class).localMember();
            Health health = context.getBean(LuaActorClusterHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("localMember", local)
                .containsEntry("localActivations", java.util.List.of("counter"));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(LuaActorClusterMetrics.class).bindTo(registry);
            assertThat(registry.get("lua.actor.cluster.members").tag("member", local).gauge().value()).isEqualTo(1);
            assertThat(registry.get("lua.actor.cluster.activations").gauge().value()).isEqualTo(1);
            assertThat(registry.get("lua.actor.cluster.asks").tag("target", "local").functionCounter().count())
                .isEqualTo(1);
            LuaActorsEndpointCluster endpoint = context.getBean(LuaActorsEndpointCluster.class);
            Map<String, Object> entry = endpoint.describe();
            assertThat(entry).containsEntry("localMember", local).containsKey("members");
            assertThat(endpoint.find("counter")).isNotNull();
            assertThat(endpoint.find("nobody")).isNull();
        });
    }

    @Test
    void outOfServiceBelowTheMinimumClusterSize() {
        this.runner.withPropertyValues("lua-actor.cluster.enabled=true", member(), clusterName(),
                "lua-actor.cluster.min-cluster-size=2").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(LuaActorClusterHealthIndicator.class).health(true).getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE);
        });
    }

    @Test
    void healthIndicatorCanBeSwitchedOff() {
        this.runner.withPropertyValues("lua-actor.cluster.enabled=true", member(), clusterName(),
                "management.health.luaactorscluster.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LuaActorClusterHealthIndicator.class)
                .hasSingleBean(LuaActorClusterMetrics.class);
        });
    }

    /** The set-up in two properties of docs/cluster.md: TCP-IP join on the listed members, nothing else. */
    @Test
    void theTwoPropertySetUpOfTheDocsJoinsTheListedMembersOnly() throws IOException {
        var file = new org.springframework.core.io.ClassPathResource("cluster-test/two-properties.properties");
        var values = org.springframework.core.io.support.PropertiesLoaderUtils.loadProperties(file);
        assertThat(values).hasSize(2);
        LuaActorClusterProperties properties = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(values))
            .bind(LuaActorClusterProperties.PREFIX, LuaActorClusterProperties.class).get();
        assertThat(properties.isEnabled()).isTrue();
        var config = LuaActorHazelcastConfig.create(properties, ClusterSettings.defaults());
        var join = config.getNetworkConfig().getJoin();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5701);
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getMapConfigs()).containsKey("lua-actor-state");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserHazelcast {

        @Bean(destroyMethod = "shutdown")
        HazelcastInstance userHazelcast(ClusterSettings settings) {
            var config = LoopbackHazelcast.config("user-" + System.nanoTime(), freePort(), java.util.List.of(),
                    settings);
            config.setProperty("hazelcast.partition.count", "11");
            return Hazelcast.newHazelcastInstance(config);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserSettings {

        @Bean
        ClusterSettings userClusterSettings() {
            return ClusterSettings.defaults().withAskTimeout(Duration.ofSeconds(3));
        }

    }

}
