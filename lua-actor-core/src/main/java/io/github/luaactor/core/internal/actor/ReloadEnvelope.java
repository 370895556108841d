package io.github.luaactor.core.internal.actor;

import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.internal.mailbox.Envelope;
import org.luaj.vm2.Prototype;

/** A hot reload, queued like a message so that what was sent before it still runs on the old script. */
final class ReloadEnvelope extends Envelope {
    final Prototype handle;
    final String location;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    ReloadEnvelope(Prototype handle, String location) {
        super(LuaMessage.NIL, null, null, System.nanoTime());
        this.handle = handle;
        this.location = location;
    }

    @Override
    public boolean isControl() {
        return true;
    }
}
