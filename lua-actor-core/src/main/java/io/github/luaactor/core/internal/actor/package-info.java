/**
 * Actors and the system that holds them: {@code ActorRuntime} (what {@code LuaActorSystem} delegates to), one
 * {@code ActorCell} per actor with its public handle, and the cell's concerns beside it (overflow, control envelopes,
 * the drain loop, VM life cycle, supervision, suspension, termination, the {@code ctx} operations over
 * {@code Recipient}).
 */
package io.github.luaactor.core.internal.actor;
