package io.github.luaactor.spring.boot.autoconfigure.cluster;

import io.github.luaactor.cluster.hazelcast.HazelcastActorCluster;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health ({@code luaActorsCluster}; off with {@code management.health.luaactorscluster.enabled=false}) and Micrometer
 * meters ({@code lua.actor.cluster.*}, tagged by member) of a Lua actor cluster member, each when its library is
 * present.
 */
@AutoConfiguration(after = LuaActorClusterAutoConfiguration.class)
@ConditionalOnClass(HazelcastActorCluster.class)
@ConditionalOnBean(ClusterMemberView.class)
public final class LuaActorClusterObservabilityAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("luaactorscluster")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "luaActorsClusterHealthIndicator")
        LuaActorClusterHealthIndicator luaActorsClusterHealthIndicator(ClusterMemberView member) {
            return new LuaActorClusterHealthIndicator(member);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LuaActorClusterMetrics luaActorClusterMetrics(ClusterMemberView member) {
            return new LuaActorClusterMetrics(member);
        }

    }

}
