package io.github.luaactor.test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaMessageHandler;

/**
 * A Java recipient that records what actors send it ({@code ctx.send(name, msg)} or {@code ctx.do_send}) and
 * answers with a reply of the test's choosing ({@code nil} unless told otherwise). Made by
 * {@link LuaActorTestKit#probe(String)}.
 * <p>
 * Each message is expected once: {@link #expectMessage(Duration)} takes the oldest one not yet expected;
 * {@link #receivedMessages()} lists them all. Java recipients are called on a virtual thread per message, so two
 * messages an actor sends the probe quickly one after the other may be recorded in either order.
 */
public final class LuaTestProbe {
    private final String name;
    private final LinkedBlockingQueue<LuaMessage> unexpected = new LinkedBlockingQueue<>();
    private final List<LuaMessage> received = new CopyOnWriteArrayList<>();
    private volatile Function<LuaMessage, LuaMessage> reply = message -> LuaMessage.NIL;

    LuaTestProbe(String name) {
        this.name = name;
    }

    /** The recipient name actors send to. */
    public String name() {
        return name;
    }

    /** Answers every later message with what {@code replies} returns for it ({@code null} is {@code nil}). */
    public LuaTestProbe replyWith(Function<LuaMessage, ?> replies) {
        Objects.requireNonNull(replies, "replies");
        this.reply = message -> LuaMessage.from(replies.apply(message));
        return this;
    }

    /** Answers every later message with this value (any value {@link LuaMessage#from(Object)} takes). */
    public LuaTestProbe reply(Object fixed) {
        LuaMessage message = LuaMessage.from(fixed);
        this.reply = ignored -> message;
        return this;
    }

    /** Makes every later {@code ctx.send} to this probe raise {@code error} in Lua (as a failing recipient would). */
    public LuaTestProbe failWith(String error) {
        Objects.requireNonNull(error, "error");
        this.reply = ignored -> {
            throw new IllegalStateException(error);
        };
        return this;
    }

    /**
     * The oldest message not expected yet, waiting up to {@code timeout} for one.
     *
     * @throws AssertionError when none arrives in time
     */
    public LuaMessage expectMessage(Duration timeout) {
        LuaMessage message = poll(timeout);
        if (message == null) {
            throw new AssertionError("Probe '" + name + "' received no message within " + timeout
                    + " (received so far: " + received + ")");
        }
        return message;
    }

    /**
     * Like {@link #expectMessage(Duration)}, and the message must equal {@code expected} (a {@link LuaMessage} or a
     * Java value, compared as it arrives from Lua: {@code 1.0} matches the integer 1).
     */
    public LuaMessage expectMessage(Object expected, Duration timeout) {
        LuaMessage wanted = LuaMessages.of(expected);
        LuaMessage message = expectMessage(timeout);
        if (!message.equals(wanted)) {
            throw new AssertionError("Probe '" + name + "' expected " + wanted + " but received " + message);
        }
        return message;
    }

    /**
     * Fails when a message not expected yet arrives within {@code duration}. After
     * {@link LuaActorTestKit#advanceTime(Duration)} or {@link LuaActorTestKit#awaitQuiet()} the actors are quiet,
     * so {@code Duration.ZERO} checks without waiting.
     */
    public void expectNoMessage(Duration duration) {
        LuaMessage message = poll(duration);
        if (message != null) {
            throw new AssertionError("Probe '" + name + "' expected no message but received " + message);
        }
    }

    /** Every message received so far, oldest first, expected or not. */
    public List<LuaMessage> receivedMessages() {
        return List.copyOf(received);
    }

    /** Forgets what was received. */
    public void clear() {
        unexpected.clear();
        received.clear();
    }

    LuaMessageHandler handler() {
        return message -> {
            received.add(message);
            unexpected.add(message);
            return reply.apply(message);
        };
    }

    private LuaMessage poll(Duration timeout) {
        try {
            return unexpected.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while probe '" + name + "' waited for a message", e);
        }
    }

    @Override
    public String toString() {
        return "LuaTestProbe[" + name + ", " + received.size() + " received]";
    }
}
