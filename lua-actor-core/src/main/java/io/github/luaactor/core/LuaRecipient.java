package io.github.luaactor.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a Java recipient for Lua actors. On a class implementing {@link LuaMessageHandler}, or on a method of any
 * bean; processed by the Spring Boot auto-configuration (the core itself only defines it, so user code imports
 * nothing but {@code io.github.luaactor.core}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LuaRecipient {
    /** The name Lua uses in {@code ctx.send(name, msg)}. */
    String value();
}
