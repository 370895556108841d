package io.github.luaactor.test.spring.app;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The application's own properties: the slice binds them (the customizer reads one). */
@ConfigurationProperties("slice")
public record SliceProperties(String greeting) {
}
