/**
 * Durable actor state: the {@link io.github.luaactor.core.state.LuaStateStore} SPI, its in-memory implementation,
 * the settings of a durable actor and the versioned binary format of a saved {@code ctx.state}
 * ({@link io.github.luaactor.core.state.LuaStateCodec}). See docs/state.md.
 */
package io.github.luaactor.core.state;
