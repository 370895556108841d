/**
 * Micrometer meters ({@code lua.actor.*}) for Lua actors, for applications with or without Spring: the
 * Spring Boot starter registers {@link io.github.luaactor.micrometer.LuaActorMetrics} by itself when the application
 * has a {@code MeterRegistry}.
 */
@NullMarked
package io.github.luaactor.micrometer;

import org.jspecify.annotations.NullMarked;
