package io.github.luaactor.demo;

import java.time.Clock;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaVmCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the demo's Lua scripts get besides {@code ctx}: a clock, the alert threshold and the sensor cap. */
@Configuration(proxyBeanMethods = false)
class DemoLuaGlobals {

    /**
     * {@code now_ms()} (milliseconds since the epoch, from the {@link Clock} bean), {@code ALERT_THRESHOLD} and
     * {@code MAX_SENSORS}.
     */
    @Bean
    LuaVmCustomizer demoGlobals(Clock clock, DemoProperties properties) {
        return globals -> {
            globals.function("now_ms", args -> clock.millis());
            globals.set("ALERT_THRESHOLD", LuaMessage.from(properties.alertThreshold()));
            globals.set("MAX_SENSORS", LuaMessage.from(properties.maxSensors()));
        };
    }
}
