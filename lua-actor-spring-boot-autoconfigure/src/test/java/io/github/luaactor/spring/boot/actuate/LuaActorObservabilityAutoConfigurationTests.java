package io.github.luaactor.spring.boot.actuate;

import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.micrometer.LuaActorMetrics;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LuaActorObservabilityAutoConfigurationTests {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class,
                    MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, LuaActorMetricsAutoConfiguration.class,
                    LuaActorHealthContributorAutoConfiguration.class, LuaActorEndpointAutoConfiguration.class))
            .withPropertyValues("lua-actor.scripts=classpath*:no-such-location/*.lua",
                    "lua-actor.actors.greeter.handle=return 'hi ' .. ctx.msg",
                    "lua-actor.actors.greeter.mailbox-capacity=50");

    /**
     * Every message timed: with the default sampling, a message is timed for sure only when its actor is idle, and
     * the actor is still busy for a moment after it completed the previous reply (it has not yet given up its
     * thread). Sent in that moment, under load, the next message is sampled, usually not timed, and the timer count
     * stays at 3. That is the documented sampling, not a race in the product; this test is about the wiring.
     */
    @Test
    void metersTheAutoConfiguredActors() {
        runner.withPropertyValues("lua-actor.metrics.timer-sampling=1").run(context -> {
            assertThat(context).hasSingleBean(LuaActorMetrics.class);
            LuaActorRef greeter = context.getBean("greeter", LuaActorRef.class);
            for (int i = 0; i < 4; i++) {
                greeter.send(LuaMessage.from("x" + i)).join();
            }
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("lua.actor.messages.processed").tag("actor", "greeter").tag("outcome", "success")
                    .functionCounter().count()).isEqualTo(4);
            assertThat(registry.get("lua.actor.mailbox.capacity").tag("actor", "greeter").gauge().value())
                    .isEqualTo(50);
            // timers prove that the metrics bean is a monitor of the auto-configured system
            await().untilAsserted(() -> assertThat(registry.get("lua.actor.handle.duration").tag("actor", "greeter")
                    .tag("outcome", "success").timer().count()).isEqualTo(4));
        });
    }

    @Test
    @SuppressWarnings("deprecation")
    void theBinderCanStillBeInjectedUnderItsFormerName() {
        runner.run(context -> assertThat(context)
                .hasSingleBean(io.github.luaactor.spring.boot.actuate.LuaActorMetrics.class)
                .getBean(LuaActorMetrics.class).isSameAs(context.getBean(
                        io.github.luaactor.spring.boot.actuate.LuaActorMetrics.class)));
    }

    @Test
    void noMetricsWithoutTheLuaActorMicrometerModule() {
        runner.withClassLoader(new FilteredClassLoader("io.github.luaactor.micrometer"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(LuaActorSystem.class)
                        .hasSingleBean(MeterRegistry.class).doesNotHaveBean("luaActorMetrics"));
    }

    @Test
    void noMetricsWithoutAMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class,
                        LuaActorMetricsAutoConfiguration.class))
                .withPropertyValues("lua-actor.scripts=classpath*:no-such-location/*.lua")
                .run(context -> assertThat(context).hasSingleBean(LuaActorSystem.class)
                        .doesNotHaveBean(LuaActorMetrics.class));
    }

    @Test
    void noMetricsWithoutMicrometer() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class,
                        LuaActorMetricsAutoConfiguration.class))
                .withPropertyValues("lua-actor.scripts=classpath*:no-such-location/*.lua")
                .withClassLoader(new FilteredClassLoader("io.micrometer.core"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(LuaActorSystem.class)
                        .doesNotHaveBean(LuaActorMetrics.class));
    }

    @Test
    void nothingWhenLuaActorsAreDisabled() {
        runner.withPropertyValues("lua-actor.enabled=false",
                "management.endpoints.web.exposure.include=luaactors").run(context -> assertThat(context)
                        .doesNotHaveBean(LuaActorMetrics.class).doesNotHaveBean(LuaActorsHealthIndicator.class)
                        .doesNotHaveBean(LuaActorsEndpoint.class).doesNotHaveBean(LuaActorTracker.class));
    }

    @Test
    void backsOffFromAUserDefinedMetricsBean() {
        runner.withUserConfiguration(CustomMetrics.class).run(context -> assertThat(context)
                .hasSingleBean(LuaActorMetrics.class).hasBean("customMetrics"));
    }

    @Test
    void adoptsTheActorsOfAUserSuppliedSystem() {
        runner.withUserConfiguration(UserSystem.class).run(context -> {
            LuaActorRef own = context.getBean(LuaActorSystem.class).actor("own").orElseThrow();
            own.send(LuaMessage.from(1)).join();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("lua.actor.messages.processed").tag("actor", "own").tag("outcome", "success")
                    .functionCounter().count()).isEqualTo(1);
        });
    }

    @Test
    void healthIndicatorNamedLuaActors() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(LuaActorsHealthIndicator.class).hasBean("luaActorsHealthIndicator");
            LuaActorRef greeter = context.getBean("greeter", LuaActorRef.class);
            await().until(greeter::isAlive);
            assertThat(context.getBean(LuaActorsHealthIndicator.class).health().getDetails())
                    .containsEntry("mailboxWarningRatio", 0.9).containsKey("actors");
        });
    }

    @Test
    void timerSamplingComesFromTheProperty() {
        runner.withPropertyValues("lua-actor.metrics.timer-sampling=7").run(context -> assertThat(
                context.getBean(LuaActorMetrics.class).timerSampling()).isEqualTo(7));
        runner.run(context -> assertThat(context.getBean(LuaActorMetrics.class).timerSampling())
                .isEqualTo(io.github.luaactor.core.ActorSettings.DEFAULT_TIMER_SAMPLING));
    }

    @Test
    void healthIndicatorUsesTheConfiguredWarningRatio() {
        runner.withPropertyValues("lua-actor.health.mailbox-warning-ratio=0.25").run(context -> assertThat(
                context.getBean(LuaActorsHealthIndicator.class).health().getDetails())
                .containsEntry("mailboxWarningRatio", 0.25));
    }

    @Test
    void healthIndicatorCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.luaactors.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(LuaActorsHealthIndicator.class));
    }

    @Test
    void healthIndicatorBacksOffFromAUserDefinedOne() {
        runner.withUserConfiguration(CustomHealth.class).run(context -> assertThat(context)
                .doesNotHaveBean(LuaActorsHealthIndicator.class).hasBean("luaActorsHealthIndicator"));
    }

    @Test
    void noHealthIndicatorWithoutSpringBootHealth() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LuaActorsHealthIndicator.class));
    }

    @Test
    void endpointOnlyWhenExposed() {
        runner.run(context -> assertThat(context).doesNotHaveBean(LuaActorsEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=luaactors")
                .run(context -> assertThat(context).hasSingleBean(LuaActorsEndpoint.class)
                        .hasSingleBean(LuaActorsEndpointWebExtension.class));
    }

    @Test
    void endpointCanBeSwitchedOff() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=luaactors",
                "management.endpoint.luaactors.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(LuaActorsEndpoint.class));
    }

    @Test
    void endpointShowsTheAutoConfiguredActors() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=luaactors").run(context -> {
            LuaActorsEndpoint endpoint = context.getBean(LuaActorsEndpoint.class);
            assertThat(endpoint.actors().actors()).extracting(LuaActorsEndpoint.ActorSummary::name)
                    .containsExactly("greeter");
            assertThat(endpoint.send("greeter", "you", null).reply()).isEqualTo("hi you");
        });
    }

    @Test
    void anActorThatFailsForGoodInTheAutoConfiguredSystemTurnsHealthDown() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=luaactors",
                "lua-actor.actors.fragile.handle=error('broken')", "lua-actor.actors.fragile.on-failure=stop")
                .run(context -> {
                    LuaActorRef fragile = context.getBean("fragile", LuaActorRef.class);
                    fragile.send(LuaMessage.from(1)).exceptionally(e -> null).join();
                    LuaActorsHealthIndicator health = context.getBean(LuaActorsHealthIndicator.class);
                    await().untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.DOWN));
                    assertThat(health.health().getDetails()).containsEntry("failed", java.util.List.of("fragile"));
                    assertThat(context.getBean(LuaActorsEndpoint.class).actor("fragile").state())
                            .isEqualTo("FAILED");
                    assertThat(context.getBeansOfType(LuaActorMonitor.class)).containsKeys("luaActorTracker");
                });
    }

    @Test
    void stoppedActorStatusRetentionAndReloadLimitComeFromTheProperties() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=luaactors",
                "lua-actor.health.stopped-actor-status=actor_stopped", "lua-actor.health.retained-stopped-actors=7",
                "lua-actor.endpoint.max-reload-source-size=10B",
                "lua-actor.actors.fragile.handle=error('broken')", "lua-actor.actors.fragile.on-failure=stop")
                .run(context -> {
                    assertThat(context.getBean(LuaActorTracker.class).limit()).isEqualTo(7);
                    LuaActorRef fragile = context.getBean("fragile", LuaActorRef.class);
                    fragile.send(LuaMessage.from(1)).exceptionally(e -> null).join();
                    LuaActorsHealthIndicator health = context.getBean(LuaActorsHealthIndicator.class);
                    await().untilAsserted(() -> assertThat(health.health().getStatus().getCode())
                            .isEqualTo("ACTOR_STOPPED"));
                    LuaActorsEndpoint endpoint = context.getBean(LuaActorsEndpoint.class);
                    assertThat(endpoint.actors().stopped()).extracting(LuaActorsEndpoint.StoppedActorDescriptor::name)
                            .containsExactly("fragile");
                    org.assertj.core.api.Assertions.assertThatExceptionOfType(LuaActorsEndpointException.class)
                            .isThrownBy(() -> endpoint.reload("greeter", "reload", "return 'eleven chars'"))
                            .satisfies(e -> assertThat(e.status()).isEqualTo(413));
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomMetrics {
        @Bean
        LuaActorMetrics customMetrics() {
            return new LuaActorMetrics();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomHealth {
        @Bean
        HealthIndicator luaActorsHealthIndicator() {
            return () -> org.springframework.boot.health.contributor.Health.status(Status.UP).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserSystem {
        @Bean(destroyMethod = "close")
        LuaActorSystem userLuaActorSystem() {
            LuaActorSystem system = LuaActorSystem.create();
            io.github.luaactor.core.LuaActorBuilder.create().name("own").onHandle("return ctx.msg").start(system);
            return system;
        }

        @Bean
        SimpleMeterRegistry simpleMeterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
