/**
 * Lua actors across a Hazelcast cluster in a Spring Boot application ({@code lua-actor.cluster.enabled=true}): the
 * member, its Hazelcast instance when the application has none, the script actors as cluster actors, and the
 * member's health, metrics and endpoint entries.
 */
@NullMarked
package io.github.luaactor.spring.boot.autoconfigure.cluster;

import org.jspecify.annotations.NullMarked;
