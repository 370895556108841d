package io.github.luaactor.test.spring.app;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaVmCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A configuration declaring a customizer: the slice keeps it, so scripts see GREETING. */
@Configuration(proxyBeanMethods = false)
public class SliceGlobals {

    @Bean
    LuaVmCustomizer sliceGreeting(SliceProperties properties) {
        return globals -> globals.set("GREETING", LuaMessage.from(properties.greeting()));
    }
}
