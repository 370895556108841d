package io.github.luaactor.test.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** A small application for the slice's tests: actors in lua-actors/, a recipient, a customizer, a plain service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SliceApplication {
}
