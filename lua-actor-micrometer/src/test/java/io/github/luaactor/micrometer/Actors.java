package io.github.luaactor.micrometer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;

import static org.awaitility.Awaitility.await;

/** Actors with known behaviour for the metrics tests. */
final class Actors {
    /** Longest a "pause" holds its actor if a test never releases it: a safety net, not a timing the tests need. */
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(60);

    /** The gate of each paused actor, by name; opened by the Runnable that {@link #pause} returns. */
    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    private Actors() {
    }

    /**
     * Replies "hi <msg>"; fails with a Lua error when sent "boom"; "pause" blocks in a Java function until the test
     * releases it (see {@link #pause}), then fails with a Lua error.
     */
    static LuaActorRef greeter(LuaActorSystem system, String name, int capacity) {
        return LuaActorBuilder.create()
                .name(name)
                .onHandle("""
                        if ctx.msg == 'boom' then error('kaboom') end
                        if ctx.msg == 'pause' then hold() error('paused') end
                        return 'hi ' .. tostring(ctx.msg)
                        """)
                .customizer((globals) -> globals.function("hold", (arguments) -> {
                    CountDownLatch gate = GATES.get(globals.actorName());
                    if (gate != null) {
                        gate.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    return null;
                }))
                .mailboxCapacity(capacity)
                .instructionLimit(0)
                .handlerTimeout(HOLD_LIMIT.multipliedBy(2))
                .start(system);
    }

    /**
     * Sends "pause" and waits until the handler has taken it out of the mailbox, so that the actor is busy and
     * whatever is sent next stays queued, however slow the machine, until the returned action is run. The pause
     * then ends with a Lua error.
     */
    static Runnable pause(LuaActorRef actor) {
        CountDownLatch gate = new CountDownLatch(1);
        GATES.put(actor.name(), gate);
        long before = actor.statistics().received();
        actor.send(LuaMessage.from("pause"));
        await().until(() -> actor.statistics().received() == before + 1 && actor.statistics().mailboxSize() == 0);
        return () -> {
            gate.countDown();
            GATES.remove(actor.name(), gate);
        };
    }
}
