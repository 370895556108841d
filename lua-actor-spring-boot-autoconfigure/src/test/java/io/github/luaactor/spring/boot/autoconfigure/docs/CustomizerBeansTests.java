package io.github.luaactor.spring.boot.autoconfigure.docs;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The customizer beans shown in docs/customizers.md do what the page says. */
class CustomizerBeansTests {

    private static final String PROBE = "return tostring(now_ms()) .. ' ' .. "
            + "(tax_rate and tostring(tax_rate(ctx.msg)) or 'no tax_rate') .. ' ' .. "
            + "tostring(select(2, pcall(tax_rate or error, 'XX')))";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class))
        .withUserConfiguration(CustomizerBeans.class)
        .withBean("fixedClock", Clock.class, () -> Clock.fixed(Instant.ofEpochMilli(1234), ZoneOffset.UTC))
        .withBean("taxService", CustomizerBeans.TaxService.class, () -> country -> {
            if (country.equals("XX")) {
                throw new IllegalArgumentException("unknown country XX");
            }
            return country.equals("DE") ? 0.19 : 0.2;
        })
        .withPropertyValues("lua-actor.scripts=", "lua-actor.actors.billing.handle=" + PROBE,
                "lua-actor.actors.shipping.handle=" + PROBE.replace("tax_rate(ctx.msg)", "0"));

    @Test
    void everyActorGetsTheClockOnlyTheNamedOnesGetTaxRatesAndJavaExceptionsAreLuaErrors() {
        this.runner.run((context) -> {
            String billing = ask(context, "billing", "DE");
            assertThat(billing).startsWith("1234 0.19 ").contains("unknown country XX");
            assertThat(ask(context, "shipping", "DE")).startsWith("1234 no tax_rate ");
        });
    }

    private static String ask(AssertableApplicationContext context, String actor, String message) throws Exception {
        return context.getBean(actor, LuaActorRef.class).send(LuaMessage.from(message)).get(10, TimeUnit.SECONDS)
            .toJava().toString();
    }

}
