package io.github.luaactor.spring.boot.actuate;

import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.micrometer.LuaActorMetrics;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for Lua actors ({@code lua.actor.*}), when a {@link MeterRegistry} and a
 * {@link LuaActorSystem} exist and {@code lua-actor-micrometer} is on the class path (the starter has it).
 */
@AutoConfiguration(afterName = { "io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, LuaActorSystem.class, LuaActorMetrics.class })
@ConditionalOnBean({ MeterRegistry.class, LuaActorSystem.class })
public final class LuaActorMetricsAutoConfiguration {

    /**
     * A monitor of the auto-configured system and a meter binder of the application's registry. It is an instance of
     * the deprecated {@code io.github.luaactor.spring.boot.actuate.LuaActorMetrics} so that code injecting the bean
     * under its former type keeps working; a bean of either type replaces it.
     */
    @Bean
    @ConditionalOnMissingBean
    @SuppressWarnings("deprecation")
    LuaActorMetrics luaActorMetrics(ObjectProvider<LuaActorProperties> properties) {
        LuaActorProperties props = properties.getIfAvailable(LuaActorProperties::new);
        return new io.github.luaactor.spring.boot.actuate.LuaActorMetrics(Tags.empty(),
                props.getMetrics().getTimerSampling());
    }

    /**
     * Adopts actors of systems built without the monitor (a user-supplied {@link LuaActorSystem}), once every
     * singleton exists.
     */
    @Bean
    static SmartInitializingSingleton luaActorMetricsAdopter(ObjectProvider<LuaActorMetrics> metrics,
            ObjectProvider<LuaActorSystem> systems) {
        return () -> metrics.orderedStream()
                .forEach((binder) -> systems.orderedStream().forEach(binder::track));
    }
}
