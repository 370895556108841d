package io.github.luaactor.spring.boot.actuate;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The {@code luaActors} health indicator, when Spring Boot's health support is present; switch it off with
 * {@code management.health.luaactors.enabled=false}.
 */
@AutoConfiguration(afterName = "io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, LuaActorSystem.class })
@ConditionalOnSingleCandidate(LuaActorSystem.class)
@ConditionalOnEnabledHealthIndicator("luaactors")
@Import(LuaActorTrackerConfiguration.class)
public final class LuaActorHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "luaActorsHealthIndicator")
    LuaActorsHealthIndicator luaActorsHealthIndicator(LuaActorSystem system, ObjectProvider<LuaActorTracker> tracker,
            ObjectProvider<LuaActorProperties> properties) {
        LuaActorProperties props = properties.getIfAvailable();
        double ratio = (props != null) ? props.getHealth().getMailboxWarningRatio()
                : ActorSettings.DEFAULT_MAILBOX_WARNING_RATIO;
        String stoppedStatus = props == null ? "DOWN" : props.getHealth().getStoppedActorStatus();
        return new LuaActorsHealthIndicator(system, tracker.getIfAvailable(), ratio,
                LuaActorsHealthIndicator.stoppedActorStatus(stoppedStatus));
    }
}
