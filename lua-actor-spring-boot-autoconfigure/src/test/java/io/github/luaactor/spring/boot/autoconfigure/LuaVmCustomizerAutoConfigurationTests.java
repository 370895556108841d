package io.github.luaactor.spring.boot.autoconfigure;

import java.time.Duration;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaVmCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LuaVmCustomizer} beans: {@code @Order}, {@code @LuaVmCustomizer.Actors} and Java exceptions. */
class LuaVmCustomizerAutoConfigurationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class))
        .withPropertyValues("lua-actor.scripts=");

    private static LuaMessage ask(AssertableApplicationContext context, String actor, Object message) {
        return context.getBean(actor, LuaActorRef.class).call(LuaMessage.from(message), TIMEOUT);
    }

    @Test
    void customizersApplyInOrderSoTheLaterOneWins() {
        this.runner.withUserConfiguration(OrderedConfiguration.class)
            .withPropertyValues("lua-actor.actors.who.handle=return who .. ' ' .. trail")
            .run((context) -> assertThat(ask(context, "who", "x")).isEqualTo(LuaMessage.from("second first,second")));
    }

    @Test
    void actorsAnnotationLimitsACustomizerToTheNamedActors() {
        this.runner.withUserConfiguration(SelectiveConfiguration.class)
            .withPropertyValues("lua-actor.actors.a.handle=return tostring(secret) .. ' ' .. tostring(badge)",
                    "lua-actor.actors.b.handle=return tostring(secret) .. ' ' .. tostring(badge)",
                    "lua-actor.actors.c.handle=return tostring(secret) .. ' ' .. tostring(badge)")
            .run((context) -> {
                assertThat(ask(context, "a", "x")).isEqualTo(LuaMessage.from("42 nil"));
                assertThat(ask(context, "b", "x")).isEqualTo(LuaMessage.from("42 gold"));
                assertThat(ask(context, "c", "x")).isEqualTo(LuaMessage.from("nil nil"));
            });
    }

    @Test
    void javaExceptionInACustomizerFunctionIsACatchableLuaError() {
        this.runner
            .withBean("failing", LuaVmCustomizer.class, () -> LuaVmCustomizer.function("lookup", (LuaMessage key) -> {
                throw new IllegalStateException("no entry for " + key.toJava());
            }))
            .withPropertyValues("lua-actor.actors.caller.handle="
                    + "local ok, err = pcall(lookup, ctx.msg) return tostring(ok) .. ' ' .. tostring(err)")
            .run((context) -> {
                String reply = ask(context, "caller", "k1").toJava().toString();
                assertThat(reply).startsWith("false ").contains("no entry for k1");
                // the actor lives on
                assertThat(ask(context, "caller", "k2").toJava().toString()).contains("no entry for k2");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderedConfiguration {

        // Declared before "first" on purpose: @Order, not declaration order, decides.
        @Bean
        @Order(2)
        LuaVmCustomizer second() {
            return (globals) -> {
                globals.set("who", LuaMessage.from("second"));
                globals.luaj().set("trail", globals.luaj().get("trail").tojstring() + ",second");
            };
        }

        @Bean
        @Order(1)
        LuaVmCustomizer first() {
            return (globals) -> {
                globals.set("who", LuaMessage.from("first"));
                globals.set("trail", LuaMessage.from("first"));
            };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class SelectiveConfiguration {

        @Bean
        @LuaVmCustomizer.Actors({ "a", "b" })
        LuaVmCustomizer secret() {
            return LuaVmCustomizer.value("secret", 42);
        }

        @Bean
        Badge badge() {
            return new Badge();
        }

    }

    @LuaVmCustomizer.Actors("b")
    static class Badge implements LuaVmCustomizer {

        @Override
        public void customize(LuaGlobals globals) {
            globals.set("badge", LuaMessage.from("gold"));
        }

    }

}
