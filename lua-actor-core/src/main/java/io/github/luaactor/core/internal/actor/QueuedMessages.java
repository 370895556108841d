package io.github.luaactor.core.internal.actor;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.MemoryLimitExceededException;
import io.github.luaactor.core.internal.vm.ActorVm;

/**
 * Large messages waiting in an actor's mailbox count towards its memory limit. "Large" is a size class decided
 * without a walk for the common messages (numbers, booleans, short strings: never large; a table: a walk that stops
 * once it passes the class), so a send of a small message pays a few type checks and the mailbox's running sum is
 * written only for large ones ({@code Mailbox.queuedBytes}). A large message that would take the recipient over its
 * limit (what its last measurement found, its suspended compiled handlers' charges, its timers' messages, the large
 * messages already queued, and this one) is refused at the send: the sender gets
 * {@link MemoryLimitExceededException} (a Lua error at {@code ctx.send}) and it is a {@code memory-limit} dead letter.
 * Small messages are not counted: at most {@value #SMALL_BYTES} bytes each (estimated), times the mailbox capacity.
 */
final class QueuedMessages {
    /** Messages estimated at no more than this are small, and not counted. */
    static final int SMALL_BYTES = 2048;
    /** A string of fewer characters is small whatever its characters (two bytes each at most, plus its object). */
    private static final int SMALL_CHARS = (SMALL_BYTES - (int) MessageSize.STRING_BYTES) / 2;

    private QueuedMessages() {
    }

    /** The estimated size of a large message, or 0 for a small one. */
    static int bytesIfLarge(LuaMessage message) {
        long bytes;
        if (message instanceof LuaMessage.Str str) {
            if (str.value().length() < SMALL_CHARS) {
                return 0;
            }
            bytes = MessageSize.of(message);
        } else if (message instanceof LuaMessage.Table table) {
            bytes = MessageSize.ofTable(table, SMALL_BYTES);
            if (bytes <= SMALL_BYTES) {
                return 0;
            }
            bytes = MessageSize.of(message);
        } else if (message instanceof LuaMessage.Bytes data) {
            if (data.length() < SMALL_CHARS) {
                return 0;
            }
            bytes = MessageSize.of(message);
        } else {
            return 0;
        }
        return bytes <= SMALL_BYTES ? 0 : (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /**
     * Before a large message of {@code bytes} is queued for {@code cell}: throws when it would take the actor over its
     * memory limit (a dead letter too). Senders at the same moment may each pass by their own message.
     */
    static void admit(ActorCell cell, LuaMessage message, String sender, int bytes) {
        long limit = cell.settings.memoryLimit();
        if (limit <= 0) {
            return;
        }
        ActorVm vm = cell.vm;
        // What the actor was last found to hold, not its upper estimate: allocation since then is mostly garbage.
        long held = (vm == null ? 0 : vm.hook.memoryHeldInVm()) + Timers.heldBytes(cell) + heldBytes(cell);
        if (held + bytes > limit) {
            cell.deadLetter(DeadLetter.Reason.MEMORY_LIMIT, message, sender);
            throw new MemoryLimitExceededException(cell.name, "a message of about " + bytes
                    + " bytes would take the actor over its memory limit of " + limit + " bytes: it holds about "
                    + held + " bytes, large messages waiting in its mailbox included (memory-limit)", null, 0,
                    limit, held + bytes);
        }
    }

    /**
     * A reply to the running handler's {@code ctx.send}: a large one is charged to the turn as an allocation (it
     * becomes Lua values the handler may keep, in a compiled local too, and carry into its next suspension), which
     * throws the memory-limit error at the {@code ctx.send} when it takes the actor over its limit.
     */
    static LuaMessage received(ActorCell cell, LuaMessage reply) {
        int bytes = bytesIfLarge(reply);
        Turn turn = cell.current;
        ActorVm vm = turn != null ? turn.vm : cell.vm;
        if (bytes != 0 && vm != null) {
            vm.hook.chargeReceived(bytes);
        }
        return reply;
    }

    /** The estimated bytes of the large messages waiting in {@code cell}'s mailbox. */
    static long heldBytes(ActorCell cell) {
        return cell.mailbox.queuedBytes();
    }
}
