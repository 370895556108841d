package io.github.luaactor.test.spring;

import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaTimerScheduler;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration;
import io.github.luaactor.test.LuaActorTestKit;
import io.github.luaactor.test.VirtualTimerScheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The test kit in a {@link LuaActorsTest @LuaActorsTest} context: a virtual clock for {@code ctx.notify_later}
 * (picked up by the lua-actor auto-configuration as its {@link LuaTimerScheduler}) and a {@link LuaActorTestKit}
 * over the context's {@link LuaActorSystem}. Not listed for ordinary applications: only the slice imports it.
 */
@AutoConfiguration(before = LuaActorAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "lua-actor.enabled", matchIfMissing = true)
public final class LuaActorTestKitAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(LuaTimerScheduler.class)
    VirtualTimerScheduler luaActorTestTimers() {
        return new VirtualTimerScheduler();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LuaActorTestKit luaActorTestKit(ObjectProvider<LuaActorSystem> system,
            ObjectProvider<VirtualTimerScheduler> timers) {
        return LuaActorTestKit.attach(system.getObject(), timers.getIfAvailable());
    }
}
