package io.github.luaactor.core.internal.actor;

import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.LuaMessage;

/**
 * Whatever a name in an actor system's name space stands for, as {@code ctx.send} and its siblings see it: a Lua
 * actor of this system, a Java handler, or an actor that lives elsewhere ({@link RemoteActor}). Sealed, so that the {@code ctx} operations treat every kind alike and
 * a new kind (a remote actor) is one more permitted type, not one more {@code switch} case in each operation.
 */
public sealed interface Recipient permits ActorCell, JavaRecipient, RemoteActor {
    /**
     * Delivers a message whose reply completes the returned future.
     *
     * @param sender the sending actor's name, or null when Java sends
     * @throws io.github.luaactor.core.LuaActorException when the recipient refuses the message at once (stopped,
     *                                                   mailbox full under the reject policy)
     */
    CompletableFuture<LuaMessage> ask(LuaMessage message, String sender);

    /**
     * {@link #ask} from a handler that waits for the reply while {@code sendDepth - 1} others wait on it in turn:
     * a recipient that runs Lua handlers passes the depth on, so that a chain of {@code ctx.send} calls is bounded.
     */
    default CompletableFuture<LuaMessage> ask(LuaMessage message, String sender, int sendDepth) {
        return ask(message, sender);
    }

    /** Delivers a message whose reply nobody wants; refuses it as {@link #ask} does. */
    void tell(LuaMessage message, String sender);
}
