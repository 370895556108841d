package io.github.luaactor.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test (and its {@code @BeforeEach} methods) a fresh {@link LuaActorTestKit} parameter, closed after the
 * test. Without Spring.
 *
 * <pre>{@code
 * @LuaActorTest
 * class DebounceTest {
 *     @Test
 *     void firesOnceAfterTheQuietPeriod(LuaActorTestKit kit) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LuaActorTestKitExtension.class)
public @interface LuaActorTest {
}
