package io.github.luaactor.spring.boot.autoconfigure.docs;

import java.time.Clock;

import io.github.luaactor.core.LuaVmCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * docs/customizers.md copies the two bean methods word for word; {@link CustomizerBeansTests} runs them. Not a
 * {@code @Configuration}, so that {@link DocsExampleApplication}'s component scan leaves it alone.
 */
class CustomizerBeans {

    /** A domain service a customizer exposes to Lua. */
    interface TaxService {
        double rate(String country);
    }

    @Bean
    @Order(1)
    LuaVmCustomizer clock(Clock clock) {
        return LuaVmCustomizer.function("now_ms", clock::millis);
    }

    @Bean
    @LuaVmCustomizer.Actors({"billing", "invoices"})
    LuaVmCustomizer taxRates(TaxService taxes) {
        return LuaVmCustomizer.function("tax_rate", (country) -> taxes.rate(country.toJava().toString()));
    }

}
