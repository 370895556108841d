/**
 * A durable actor's {@code ctx.state} between its VM and its {@code LuaStateStore}: loading, saving by write mode,
 * and the last saved snapshot to roll back to. Knows nothing of the actor's cell.
 */
package io.github.luaactor.core.internal.state;
