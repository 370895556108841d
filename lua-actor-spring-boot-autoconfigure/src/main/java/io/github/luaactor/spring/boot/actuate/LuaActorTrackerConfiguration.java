package io.github.luaactor.spring.boot.actuate;

import io.github.luaactor.spring.boot.autoconfigure.LuaActorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link LuaActorTracker} shared by the health indicator and the endpoint. It is a monitor bean, so the
 * auto-configured actor system reports to it.
 */
@Configuration(proxyBeanMethods = false)
class LuaActorTrackerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LuaActorTracker luaActorTracker(ObjectProvider<LuaActorProperties> properties) {
        LuaActorProperties props = properties.getIfAvailable();
        return new LuaActorTracker(
                props == null ? LuaActorTracker.DEFAULT_LIMIT : props.getHealth().getRetainedStoppedActors());
    }
}
