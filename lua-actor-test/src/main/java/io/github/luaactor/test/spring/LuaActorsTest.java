package io.github.luaactor.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A Spring Boot test slice with only the Lua actors: the lua-actor auto-configuration, the application's
 * {@code lua-actor.*} and other {@code @ConfigurationProperties}, its {@code @LuaRecipient} beans and the beans that
 * shape the actors ({@code LuaVmCustomizer}, {@code LuaActorMonitor}, script and module resolvers, and the
 * {@code @Configuration} classes declaring them). No web server, no other auto-configuration.
 * <p>
 * The context has a {@link io.github.luaactor.test.LuaActorTestKit} bean over its {@code LuaActorSystem}, whose
 * {@code ctx.notify_later} timers run on a {@link io.github.luaactor.test.VirtualTimerScheduler} bean: autowire the
 * kit and call {@code advanceTime}. The context is cached across test classes like any Spring test context, and the
 * clock and the actors' state with it; the probes, stubs and actors a test makes through the kit are removed after
 * it ({@link io.github.luaactor.test.LuaActorTestKit#reset()}).
 *
 * <pre>{@code
 * @LuaActorsTest
 * class RouterTests {
 *     @Autowired LuaActorTestKit kit;
 *     @Autowired LuaActorRef router;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(LuaActorsTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(LuaActorsTypeExcludeFilter.class)
@AutoConfigureLuaActors
@ImportAutoConfiguration
@TestExecutionListeners(listeners = LuaActorTestKitResetListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface LuaActorsTest {

    /** Properties in {@code key=value} form added to the environment before the test runs. */
    String[] properties() default {};

    /** Whether the default filters (Lua beans and configuration properties) pick the scanned components. */
    boolean useDefaultFilters() default true;

    /** More components to add from scanning. */
    ComponentScan.Filter[] includeFilters() default {};

    /** Components to leave out of scanning. */
    ComponentScan.Filter[] excludeFilters() default {};

    /** Auto-configurations to leave out. */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
