package io.github.luaactor.core;

/**
 * A Java recipient: answers {@code ctx.send(name, msg)} from Lua, or {@link LuaActorRef#send} from Java.
 * <p>
 * Each call runs on its own virtual thread, so a handler may block (JDBC, HTTP) without stalling any actor.
 * An exception becomes a Lua error at the {@code ctx.send} call site.
 */
@FunctionalInterface
public interface LuaMessageHandler {
    LuaMessage handle(LuaMessage msg) throws Exception;
}
