package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.internal.mailbox.Envelope;
import io.github.luaactor.core.internal.vm.ActorVm;
import org.luaj.vm2.LuaValue;

/** One run of a handler or hook: what must be put back when it resumes after {@code ctx.send}. */
final class Turn {
    final Envelope envelope;
    final ActorVm vm;
    final LuaValue luaMessage;
    final String hook;
    LuaMessage result = LuaMessage.NIL;
    long suspendedNanos;
    /** Not 0: the handler runs on a blocking caller's thread, whose {@code ctx.send} waits end by then. */
    long callerDeadlineNanos;
    /**
     * The handler runs on the thread of an asynchronous {@code send} ({@link CallerThread#handleSend}), which must
     * not wait in {@code ctx.send} longer than the handler's time budget.
     */
    boolean onSenderThread;
    boolean terminateRequested;
    /** In {@code ctx.send} to another actor; read by other actors checking for a cycle ({@link WaitChain}). */
    volatile boolean awaitingReply;
    volatile boolean abandoned;

    Turn(Envelope envelope, ActorVm vm, LuaValue luaMessage, String hook) {
        this.envelope = envelope;
        this.vm = vm;
        this.luaMessage = luaMessage;
        this.hook = hook;
    }

    LuaMessage message() {
        return envelope == null ? LuaMessage.NIL : envelope.message;
    }
}
