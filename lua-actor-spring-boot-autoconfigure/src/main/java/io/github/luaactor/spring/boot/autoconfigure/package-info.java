/**
 * Auto-configuration for Lua actors: the {@code LuaActorSystem}, one {@code LuaActorRef} bean per actor discovered
 * under {@code lua-actor.scripts} or declared under {@code lua-actor.actors}, and {@code @LuaRecipient} beans.
 */
@NullMarked
package io.github.luaactor.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
