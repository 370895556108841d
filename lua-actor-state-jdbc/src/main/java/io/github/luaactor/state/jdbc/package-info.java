/**
 * Durable Lua actor state in the {@code lua_actor_state} table: {@link io.github.luaactor.state.jdbc.JdbcLuaStateStore}
 * over plain JDBC, {@link io.github.luaactor.state.jdbc.JdbcClientLuaStateStore} over Spring's {@code JdbcClient}, and
 * the auto-configuration of the latter. See docs/state.md.
 */
@NullMarked
package io.github.luaactor.state.jdbc;

import org.jspecify.annotations.NullMarked;
