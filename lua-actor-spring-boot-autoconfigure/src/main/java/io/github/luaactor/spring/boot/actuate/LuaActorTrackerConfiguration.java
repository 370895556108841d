package io.github.luaactor.spring.boot.actuate;

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
    LuaActorTracker luaActorTracker() {
        return new LuaActorTracker();
    }
}
