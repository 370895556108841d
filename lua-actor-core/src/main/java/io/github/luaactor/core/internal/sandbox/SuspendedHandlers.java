package io.github.luaactor.core.internal.sandbox;

import java.util.ArrayList;
import java.util.List;

import org.luaj.vm2.LuaValue;

/**
 * What the handlers of one actor suspended in {@code ctx.send} keep on its account until they resume or are
 * abandoned: their register stacks (and those of their parked coroutines), which the walk sees; for a handler that
 * ran compiled code a charge instead of what its JVM locals hold, which no walk can see: the allocation its turn was
 * charged until it suspended (everything a compiled local can hold that the walk does not find elsewhere was
 * allocated in that turn or came with its message); and its message if that is large, which the turn holds whether
 * a local does or not. Used by the actor's baton holder only, like {@link MemoryMeter}.
 */
final class SuspendedHandlers {
    /** A list, not a map: a suspension in every {@code ctx.send} must not pay for hashing (at most the quota). */
    private final ArrayList<Suspended> handlers = new ArrayList<>();
    private long chargedBytes;

    /**
     * @param stack      the suspension's own register stack, which identifies it
     * @param withParked the stacks with its parked coroutines', or null (the common case)
     * @param turnBytes  the allocation charged to its turn until it suspended
     * @param compiled   whether compiled code ran in its turn: then {@code turnBytes} is held for it
     * @param messageBytes the estimated size of its message if large, else 0
     */
    private record Suspended(LuaValue[][] stack, List<LuaValue[][]> withParked, long turnBytes, boolean compiled,
            long messageBytes) {
        long charged() {
            return (compiled ? turnBytes : 0) + messageBytes;
        }
    }

    void add(LuaValue[][] stack, List<LuaValue[][]> withParked, long turnBytes, boolean compiled,
            long messageBytes) {
        Suspended handler = new Suspended(stack, withParked, turnBytes, compiled, messageBytes);
        handlers.add(handler);
        chargedBytes += handler.charged();
    }

    /**
     * Forgets the handler suspended with {@code stack}; returns it (its turn's allocation and whether it ran compiled
     * code) so that a resumed turn goes on counting from there, or null when none was.
     */
    Resumed remove(LuaValue[][] stack) {
        for (int i = handlers.size() - 1; i >= 0; i--) {
            Suspended handler = handlers.get(i);
            if (handler.stack() == stack) {
                handlers.remove(i);
                chargedBytes -= handler.charged();
                return new Resumed(handler.turnBytes(), handler.compiled());
            }
        }
        return null;
    }

    /** What a resumed handler's turn had been charged and whether it had run compiled code. */
    record Resumed(long turnBytes, boolean compiled) {
    }

    /** The charges held for suspended handlers: compiled ones' turns, large messages. */
    long chargedBytes() {
        return chargedBytes;
    }

    boolean isEmpty() {
        return handlers.isEmpty();
    }

    /** The register stacks to walk, one group per suspended handler. */
    List<List<LuaValue[][]>> stackGroups() {
        if (handlers.isEmpty()) {
            return List.of();
        }
        List<List<LuaValue[][]>> groups = new ArrayList<>(handlers.size());
        for (Suspended handler : handlers) {
            groups.add(handler.withParked() != null ? handler.withParked()
                    : List.<LuaValue[][]>of(handler.stack()));
        }
        return groups;
    }
}
