package io.github.luaactor.core.internal.vm;

import io.github.luaactor.core.LuaMessage;

/**
 * What the {@code ctx} functions of one VM do, implemented by the actor that owns the VM. The VM side only decodes
 * the Lua arguments; an interface, so that the VM does not depend on the actor that depends on it. Called by the
 * baton holder only.
 */
public interface CtxOperations {
    /** {@code ctx.send}: the reply, waiting (suspended, the VM handed on) until it arrives. */
    LuaMessage send(String target, LuaMessage message);

    /** {@code ctx.do_send}. */
    void doSend(String target, LuaMessage message);

    /** {@code ctx.notify}: a message to this actor itself. */
    void notifySelf(LuaMessage message);

    /** {@code ctx.notify_later}. */
    void notifyLater(LuaMessage message, double seconds);

    /** {@code ctx.terminate}: stop after the current handler. */
    void terminate();

    /** {@code ctx.new_actor}: the new actor's name. */
    String newActor(String script, String actorName);
}
