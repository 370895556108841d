package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.internal.mailbox.Envelope;

/** Drops a shared module from one VM, queued like a message so that earlier messages still see the old module. */
final class ModuleReloadEnvelope extends Envelope {
    final String module;

    ModuleReloadEnvelope(String module) {
        super(LuaMessage.NIL, null, null, System.nanoTime());
        this.module = module;
    }

    @Override
    public boolean isControl() {
        return true;
    }
}
