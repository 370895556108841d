package io.github.luaactor.spring.boot.autoconfigure.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.luaactor.cluster.hazelcast.ClusterSettings;
import io.github.luaactor.cluster.hazelcast.HazelcastActorCluster;
import io.github.luaactor.cluster.hazelcast.LoopbackHazelcast;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.RemoteActors;
import io.github.luaactor.spring.boot.actuate.LuaActorsEndpointCluster;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorDefinitions;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorLifecycle;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorProperties;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorStateSettings;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hazelcast.autoconfigure.HazelcastConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the application a member of a Lua actor cluster when {@code lua-actor.cluster.enabled=true} and
 * lua-actor-cluster-hazelcast is on the class path (docs/cluster.md): its script actors become cluster actors,
 * placed on the owner of their Hazelcast partition, and their {@code LuaActorRef} beans reach them wherever they
 * live; {@code @LuaRecipient} beans and actors started by code stay local.
 * <p>
 * Uses the application's {@link HazelcastInstance} bean when there is one (Spring Boot's, from
 * {@code spring.hazelcast.config}, gets the state map and executors the cluster needs through a
 * {@link HazelcastConfigCustomizer}); otherwise starts a member from {@code lua-actor.cluster.*}.
 */
@AutoConfiguration(before = LuaActorAutoConfiguration.class,
        afterName = "org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration")
@ConditionalOnClass({ HazelcastInstance.class, HazelcastActorCluster.class })
@ConditionalOnProperty(name = "lua-actor.enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBooleanProperty("lua-actor.cluster.enabled")
@EnableConfigurationProperties({ LuaActorClusterProperties.class, LuaActorProperties.class })
public final class LuaActorClusterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClusterSettings luaActorClusterSettings(LuaActorClusterProperties properties) {
        long bytes = properties.getMaxMessageSize().toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(LuaActorClusterProperties.PREFIX + ".max-message-size must be at most "
                    + Integer.MAX_VALUE + "B, was " + properties.getMaxMessageSize());
        }
        return new ClusterSettings(properties.getAskTimeout(), (int) bytes, properties.getStateMap(),
                properties.getMinClusterSize());
    }

    @Bean
    @ConditionalOnMissingBean
    ClusterActorNames luaActorClusterActorNames(LuaActorDefinitions definitions,
            LuaActorClusterProperties properties) {
        return ClusterActorNames.of(definitions, properties.getLocalActors());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    HazelcastActorCluster luaActorCluster(HazelcastInstance hazelcastInstance, ClusterActorNames names,
            LuaActorDefinitions definitions, ClusterSettings settings) {
        return HazelcastActorCluster.create(hazelcastInstance, names.catalog(definitions), settings);
    }

    /** What the auto-configured actor system gets: names it does not hold go to the cluster. */
    @Bean
    @ConditionalOnMissingBean
    RemoteActors luaActorRemoteActors(HazelcastActorCluster cluster) {
        return cluster.remoteActors();
    }

    @Bean
    @ConditionalOnMissingBean
    LuaActorLifecycle luaActorLifecycle(LuaActorSystem luaActorSystem, LuaActorDefinitions luaActorDefinitions,
            LuaActorProperties properties, BeanFactory beanFactory, ObjectProvider<LuaActorStateSettings> stateSettings,
            HazelcastActorCluster cluster, ClusterActorNames names) {
        return new ClusterLuaActorLifecycle(luaActorSystem, luaActorDefinitions, beanFactory,
                properties.getShutdown().getTimeout(), stateSettings.getIfAvailable(), cluster, names);
    }

    @Bean
    @ConditionalOnMissingBean
    ClusterMemberView luaActorClusterMemberView(HazelcastActorCluster cluster, HazelcastInstance hazelcastInstance) {
        return new ClusterMemberView(cluster, hazelcastInstance);
    }

    /** The luaactors endpoint's cluster entry, and sends to cluster actors on other members. */
    @Bean
    @ConditionalOnMissingBean
    LuaActorsEndpointCluster luaActorsEndpointCluster(HazelcastActorCluster cluster, ClusterActorNames names,
            ClusterMemberView member) {
        return new ClusterEndpointEntries(cluster, names, member);
    }

    /** A member of its own when the application has no Hazelcast instance: TCP-IP join on the listed members. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(HazelcastInstance.class)
    static class HazelcastMemberConfiguration {

        @Bean(destroyMethod = "shutdown")
        HazelcastInstance luaActorHazelcastInstance(LuaActorClusterProperties properties, ClusterSettings settings) {
            return Hazelcast.newHazelcastInstance(LuaActorHazelcastConfig.create(properties, settings));
        }

    }

    /** Spring Boot's own Hazelcast instance gets the state map and executors the cluster needs. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.hazelcast.autoconfigure.HazelcastConfigCustomizer")
    static class BootHazelcastConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "luaActorHazelcastConfigCustomizer")
        HazelcastConfigCustomizer luaActorHazelcastConfigCustomizer(ClusterSettings settings) {
            return (config) -> LoopbackHazelcast.apply(config, settings);
        }

    }

}
