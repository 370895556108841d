package io.github.luaactor.core.internal.actor;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.internal.dispatch.Dispatcher;

/** A {@link LuaMessageHandler} under a name: each message runs on its own virtual thread, so it may block. */
record JavaRecipient(LuaMessageHandler handler, Dispatcher dispatcher) implements Recipient {

    /** Each handler of {@code handlers} as a recipient, under the same names. */
    static Map<String, JavaRecipient> all(Map<String, LuaMessageHandler> handlers, Dispatcher dispatcher) {
        if (handlers.isEmpty()) {
            return Map.of();
        }
        Map<String, JavaRecipient> recipients = new HashMap<>();
        handlers.forEach((name, handler) -> recipients.put(name, new JavaRecipient(handler, dispatcher)));
        return Map.copyOf(recipients);
    }

    @Override
    public CompletableFuture<LuaMessage> ask(LuaMessage message, String sender) {
        return dispatcher.callJava(handler, message);
    }

    @Override
    public void tell(LuaMessage message, String sender) {
        dispatcher.callJava(handler, message);
    }
}
