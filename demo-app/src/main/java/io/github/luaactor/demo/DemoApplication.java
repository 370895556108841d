package io.github.luaactor.demo;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Streaming analytics with Lua actors: events go to the {@code router} actor, which starts one {@code window}
 * actor per sensor; windows keep one-minute statistics and raise alerts through the Java {@code alerts} recipient.
 */
@SpringBootApplication
@EnableConfigurationProperties(DemoProperties.class)
public class DemoApplication {

    /** The time the Lua scripts see through {@code now_ms()}; tests replace it with a clock they move. */
    @Bean
    Clock demoClock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
