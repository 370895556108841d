package io.github.luaactor.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaModuleResolver;
import io.github.luaactor.core.LuaRecipient;
import io.github.luaactor.core.LuaScriptResolver;
import io.github.luaactor.core.LuaTimerScheduler;
import io.github.luaactor.core.LuaVmCustomizer;
import io.github.luaactor.core.RemoteActors;
import io.github.luaactor.core.state.LuaStateStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * Auto-configuration of Lua actors: a {@link LuaActorSystem}, one {@code LuaActorRef} bean per actor found under
 * {@code lua-actor.scripts} or declared under {@code lua-actor.actors}, and {@link LuaRecipient @LuaRecipient}
 * beans and methods as Java recipients. {@code lua-actor.enabled=false} turns all of it off;
 * {@code lua-actor.reload.watch=true} adds a {@link LuaScriptWatcher} that hot-reloads changed scripts and modules.
 * <p>
 * The system gets every {@link LuaActorMonitor} bean (composed, in order), the {@link LuaScriptResolver} bean, the
 * {@link LuaModuleResolver} bean (by default the {@code lua-actor.modules} locations) and every
 * {@link LuaVmCustomizer} bean (in order, limited by {@link LuaVmCustomizer.Actors @LuaVmCustomizer.Actors}), and the
 * {@link LuaTimerScheduler} bean when there is one (the test kit's virtual clock, for {@code ctx.notify_later}). Dead
 * letters are published as application events ({@link DeadLetter} is the payload: listen with
 * {@code @EventListener void on(DeadLetter letter)}).
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "lua-actor.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LuaActorProperties.class)
public final class LuaActorAutoConfiguration {

    private static final Log logger = LogFactory.getLog(LuaActorAutoConfiguration.class);

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static LuaActorBeanRegistrar luaActorBeanRegistrar() {
        return new LuaActorBeanRegistrar();
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static LuaRecipientBeanPostProcessor luaRecipientBeanPostProcessor() {
        return new LuaRecipientBeanPostProcessor();
    }

    /** With {@code spring.main.lazy-initialization=true}, recipients must still be created (and registered). */
    @Bean
    static LazyInitializationExcludeFilter luaRecipientLazyInitializationExcludeFilter() {
        return (beanName, beanDefinition, beanType) -> LuaRecipientBeanPostProcessor.hasLuaRecipients(beanType);
    }

    @Bean
    @ConditionalOnMissingBean
    LuaScriptResolver luaScriptResolver(LuaActorProperties properties, ResourceLoader resourceLoader) {
        return new ResourceLuaScriptResolver(properties.getScripts(),
                ResourcePatternUtils.getResourcePatternResolver(resourceLoader));
    }

    @Bean
    @ConditionalOnMissingBean
    LuaModuleResolver luaModuleResolver(LuaActorProperties properties, ResourceLoader resourceLoader) {
        return new ResourceLuaModuleResolver(properties.getModules(),
                ResourcePatternUtils.getResourcePatternResolver(resourceLoader));
    }

    /** Durable state: the store of each actor among the {@link LuaStateStore} beans (docs/state.md). */
    @Bean
    @ConditionalOnMissingBean
    LuaActorStateSettings luaActorStateSettings(LuaActorProperties properties, ObjectProvider<LuaStateStore> stores) {
        return new LuaActorStateSettings(properties, stores.orderedStream().toList());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    LuaActorSystem luaActorSystem(LuaActorProperties properties, ObjectProvider<LuaActorMonitor> monitors,
            ObjectProvider<LuaScriptResolver> resolver, ObjectProvider<LuaModuleResolver> moduleResolver,
            ObjectProvider<LuaVmCustomizer> customizers, ObjectProvider<LuaTimerScheduler> timerScheduler,
            ApplicationEventPublisher events, ListableBeanFactory beanFactory, LuaActorStateSettings stateSettings,
            ObjectProvider<RemoteActors> remoteActors) {
        LuaActorSystem.Builder builder = LuaActorSystem.builder()
            .defaults(LuaActorSettingsMapper.defaults(properties.getDefaults()))
            .defaultState(stateSettings.defaults())
            .shutdownTimeout(properties.getShutdown().getTimeout())
            .compileHandlers(properties.isCompileHandlers())
            .sendsOnCallerThread(properties.isSendsOnCallerThread())
            .heapGuardThreshold(properties.getHeapGuardThreshold())
            .maxActors(properties.getQuotas().getMaxActors())
            .maxSendDepth(properties.getQuotas().getMaxSendDepth())
            .maxCoroutines(properties.getQuotas().getMaxCoroutines())
            .maxCoroutinesPerJvm(properties.getQuotas().getMaxCoroutinesPerJvm())
            .monitor(CompositeLuaActorMonitor.of(monitors.orderedStream().toList()))
            .scriptResolver(resolver.getIfAvailable(() -> LuaScriptResolver.NONE))
            .moduleResolver(moduleResolver.getIfAvailable(() -> LuaModuleResolver.NONE))
            .deadLetterListener((letter) -> publish(events, letter));
        LuaVmCustomizerBeans.ordered(customizers, beanFactory).forEach(builder::customizer);
        timerScheduler.ifAvailable(builder::timerScheduler);
        // A cluster member (lua-actor.cluster.enabled): names this system does not hold go to the cluster.
        remoteActors.ifAvailable(builder::remoteActors);
        return builder.build();
    }

    private static void publish(ApplicationEventPublisher events, DeadLetter letter) {
        try {
            events.publishEvent(letter);
        }
        catch (IllegalStateException ex) {
            // The context is closing: its event multicaster may be gone; the core has logged the letter.
            logger.debug("Dead letter not published: " + ex.getMessage());
        }
    }

    @Bean
    @ConditionalOnBooleanProperty("lua-actor.reload.watch")
    @ConditionalOnMissingBean
    LuaScriptWatcher luaScriptWatcher(LuaActorSystem luaActorSystem, LuaActorProperties properties,
            ResourceLoader resourceLoader) {
        List<String> scripts = new ArrayList<>();
        scripts.add(properties.getScripts());
        properties.getActors().values().stream().map(LuaActorProperties.Actor::getHandleScript)
            .filter(Objects::nonNull)
            .forEach(scripts::add);
        return new LuaScriptWatcher(luaActorSystem, scripts, properties.getModules(),
                ResourcePatternUtils.getResourcePatternResolver(resourceLoader), properties.getReload().getInterval());
    }

    @Bean
    @ConditionalOnMissingBean
    LuaActorLifecycle luaActorLifecycle(LuaActorSystem luaActorSystem, LuaActorDefinitions luaActorDefinitions,
            LuaActorProperties properties, BeanFactory beanFactory, LuaActorStateSettings stateSettings) {
        return new LuaActorLifecycle(luaActorSystem, luaActorDefinitions, beanFactory,
                properties.getShutdown().getTimeout(), stateSettings);
    }

}
