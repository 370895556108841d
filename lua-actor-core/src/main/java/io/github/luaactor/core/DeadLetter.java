package io.github.luaactor.core;

import java.time.Instant;

/**
 * A message that was not handled: refused, dropped, sent to a stopped actor or to an unknown name.
 *
 * @param actor     the intended recipient
 * @param reason    why it was not handled
 * @param message   the message itself
 * @param sender    the sending actor, or {@code null} when it came from Java
 * @param timestamp when it was given up
 */
public record DeadLetter(String actor, Reason reason, LuaMessage message, String sender, Instant timestamp) {

    public enum Reason {
        MAILBOX_FULL, DROPPED_OLDEST, DROPPED_NEWEST, ACTOR_STOPPED, UNKNOWN_RECIPIENT, SHUTDOWN_TIMEOUT,
        /** The message could not be converted for the actor's VM (nested deeper than the codec allows). */
        UNDELIVERABLE,
        /** Refused by a quota (suspended handlers, {@code ctx.send} depth): see {@link Quota}. */
        QUOTA_EXCEEDED,
        /**
         * A large message refused because, waiting in the recipient's mailbox, it would take the recipient over its
         * memory limit ({@link MemoryLimitExceededException} for the sender).
         */
        MEMORY_LIMIT;

        /** The tag value used in metrics, such as {@code mailbox-full}. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
