package io.github.luaactor.spring.boot.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaVmCustomizer;

import static org.awaitility.Awaitility.await;

/**
 * A pause that lasts until the test ends it, however slow the machine: the Lua global {@code hold()} (from
 * {@link #customizer()}) blocks its handler until the action that {@link #pause} returned is run. A handler time budget
 * would end it after a fixed time, which a loaded machine may need for the assertions made meanwhile.
 */
final class Gates {

    /** Longest {@code hold()} blocks if a test never releases it: a safety net, not a timing the tests need. */
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(60);

    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    private Gates() {
    }

    /** Defines {@code hold()}: blocks while the actor's gate is closed. */
    static LuaVmCustomizer customizer() {
        return (globals) -> globals.function("hold", (arguments) -> {
            CountDownLatch gate = GATES.get(globals.actorName());
            if (gate != null) {
                gate.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            return null;
        });
    }

    /**
     * Sends "pause" (to which the actor's script answers with {@code hold()}) and waits until the handler has taken it
     * out of the mailbox, so that whatever is sent next stays queued until the returned action is run.
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
