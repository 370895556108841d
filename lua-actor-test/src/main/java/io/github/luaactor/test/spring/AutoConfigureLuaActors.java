package io.github.luaactor.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports the auto-configurations a {@link LuaActorsTest @LuaActorsTest} needs (listed in
 * {@code META-INF/spring/io.github.luaactor.test.spring.AutoConfigureLuaActors.imports}): property placeholders,
 * configuration properties, the Lua actors and the test kit. Usable on its own in another slice.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureLuaActors {
}
