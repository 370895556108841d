package io.github.luaactor.micrometer;

import java.time.Duration;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;

import static org.awaitility.Awaitility.await;

/** Actors with known behaviour for the metrics tests. */
final class Actors {
    /** How long a "pause" message keeps its actor busy before the handler time budget aborts it. */
    static final Duration PAUSE = Duration.ofSeconds(3);

    private Actors() {
    }

    /** Replies "hi <msg>"; fails with a Lua error when sent "boom"; "pause" spins until the time budget ends it. */
    static LuaActorRef greeter(LuaActorSystem system, String name, int capacity) {
        return LuaActorBuilder.create()
                .name(name)
                .onHandle("""
                        if ctx.msg == 'boom' then error('kaboom') end
                        if ctx.msg == 'pause' then while true do end end
                        return 'hi ' .. tostring(ctx.msg)
                        """)
                .mailboxCapacity(capacity)
                .instructionLimit(0)
                .handlerTimeout(PAUSE)
                .start(system);
    }

    /**
     * Sends "pause" and waits until the handler has taken it out of the mailbox, so that the actor is busy and
     * whatever is sent next stays queued (for up to {@link #PAUSE}).
     */
    static void pause(LuaActorRef actor) {
        long before = actor.statistics().received();
        actor.send(LuaMessage.from("pause"));
        await().until(() -> actor.statistics().received() == before + 1 && actor.statistics().mailboxSize() == 0);
    }
}
