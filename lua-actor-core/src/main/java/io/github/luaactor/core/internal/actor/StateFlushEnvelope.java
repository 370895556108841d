package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.internal.mailbox.Envelope;

/** A write-behind save that has come due, queued like a message so that it runs on the baton holder. */
final class StateFlushEnvelope extends Envelope {
    StateFlushEnvelope() {
        super(LuaMessage.NIL, null, null, System.nanoTime());
    }

    @Override
    public boolean isControl() {
        return true;
    }
}
