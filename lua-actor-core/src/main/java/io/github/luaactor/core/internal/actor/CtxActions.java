package io.github.luaactor.core.internal.actor;

import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.UnknownRecipientException;
import org.luaj.vm2.LuaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ctx} operations that deliver messages, over {@link Recipient}: the sending actor's own Java recipients
 * first, then the system's name space. A refusal the sender can see (stopped, mailbox full, unknown name) becomes a
 * Lua error at the calling line. Baton holder only, except the timer's delivery of {@code notify_later}.
 */
final class CtxActions {
    private static final Logger LOG = LoggerFactory.getLogger(CtxActions.class);

    private CtxActions() {
    }

    static CompletableFuture<LuaMessage> ask(ActorCell cell, String target, LuaMessage message, int sendDepth) {
        Recipient recipient = recipient(cell, target, message);
        try {
            if (recipient instanceof ActorCell actor) {
                return actor.askInChain(message, cell.name, StrictMode.chainTo(cell, actor), sendDepth);
            }
            return recipient.ask(message, cell.name, sendDepth);
        } catch (LuaActorException e) {
            throw new LuaError(e.getMessage());
        }
    }

    static void tell(ActorCell cell, String target, LuaMessage message) {
        Recipient recipient = recipient(cell, target, message);
        try {
            recipient.tell(message, cell.name);
        } catch (LuaActorException e) {
            throw new LuaError(e.getMessage());
        }
    }

    static void notifySelf(ActorCell cell, LuaMessage message) {
        try {
            cell.tell(message, cell.name);
        } catch (LuaActorException e) {
            throw new LuaError(e.getMessage());
        }
    }

    static void notifyLater(ActorCell cell, LuaMessage message, double seconds) {
        long nanos = (long) (seconds * 1e9);
        Timers.schedule(cell, message, nanos, () -> {
            try {
                cell.tell(message, cell.name);
            } catch (LuaActorException e) {
                LOG.debug("Lua actor '{}': notify_later message not delivered: {}", cell.name, e.getMessage());
            }
        });
    }

    private static Recipient recipient(ActorCell cell, String target, LuaMessage message) {
        Recipient local = cell.localRecipients.get(target);
        if (local != null) {
            return local;
        }
        Recipient recipient = cell.system.directory().lookup(target);
        if (recipient == null) {
            RemoteActor remote = RemoteActor.of(cell.system.extensions(), target);
            if (remote != null) {
                return remote;
            }
            throw unknownRecipient(cell, target, message);
        }
        return recipient;
    }

    private static LuaError unknownRecipient(ActorCell cell, String target, LuaMessage message) {
        RefusalCounts.rejected(cell, DeadLetter.Reason.UNKNOWN_RECIPIENT);
        cell.system.deadLetters().report(target, DeadLetter.Reason.UNKNOWN_RECIPIENT, message, cell.name);
        return new LuaError(new UnknownRecipientException(cell.name, target).getMessage().replace(" (sent by actor '"
                + cell.name + "')", ""));
    }
}
