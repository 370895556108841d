package io.github.luaactor.spring.boot.actuate;

import java.time.Duration;

import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.json.JsonMapper;

/** The {@code luaactors} Actuator endpoint, when it is available (enabled and exposed). */
@AutoConfiguration(afterName = "io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration")
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, LuaActorSystem.class })
@ConditionalOnSingleCandidate(LuaActorSystem.class)
@ConditionalOnAvailableEndpoint(LuaActorsEndpoint.class)
@Import(LuaActorTrackerConfiguration.class)
public final class LuaActorEndpointAutoConfiguration {

    /** How long a send or reload through the endpoint waits for the actor. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnMissingBean
    LuaActorsEndpoint luaActorsEndpoint(LuaActorSystem system, ObjectProvider<LuaActorTracker> tracker,
            ObjectProvider<LuaActorProperties> properties, ObjectProvider<LuaActorsEndpointCluster> cluster) {
        LuaActorProperties props = properties.getIfAvailable();
        return new LuaActorsEndpoint(system, tracker.getIfAvailable(), TIMEOUT, props == null
                ? LuaActorsEndpoint.DEFAULT_MAX_RELOAD_SOURCE_SIZE : props.getEndpoint().getMaxReloadSourceSize(),
                cluster.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(LuaActorsEndpoint.class)
    LuaActorsEndpointWebExtension luaActorsEndpointWebExtension(LuaActorsEndpoint endpoint) {
        return new LuaActorsEndpointWebExtension(endpoint);
    }

    /**
     * Spring MVC reads Actuator request bodies as strings: let the send operation take any JSON value, parsed with
     * the application's Jackson {@link JsonMapper} (Spring MVC reads JSON with Jackson 3 too).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({ RequestBodyAdviceAdapter.class, JsonMapper.class })
    static class SpringMvcConfiguration {

        @Bean
        @ConditionalOnMissingBean
        LuaActorsRequestBodyAdvice luaActorsRequestBodyAdvice(Environment environment,
                ObjectProvider<JsonMapper> jsonMapper) {
            return new LuaActorsRequestBodyAdvice(
                    environment.getProperty("management.endpoints.web.path-mapping.luaactors", "luaactors"),
                    jsonMapper.getIfAvailable(JsonMapper::shared));
        }
    }
}
