package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * One drainer thread runs several busy actors' turns one after another (a hand-on only queues the loop), so what a
 * turn finds bound to its thread must be its own actor's: its random generator and its instruction budget, never
 * those of the actor that ran there before. Each busy actor draws from a generator seeded with its own number and
 * must draw exactly the sequence an actor alone draws with that seed.
 */
class DrainerThreadReuseTest extends ActorTestSupport {
    private static final int ACTORS = 6;
    private static final int DRAWS = 1_500;

    private static final String DRAW = """
            local s = ctx.state
            if ctx.msg == 'get' then return s.sum end
            if not s.seeded then math.randomseed(ctx.msg) s.seeded = true s.sum = 0 s.n = 0 end
            s.sum = (s.sum * 31 + math.random(1, 1000000)) % 2147483647
            s.n = s.n + 1
            local x = 0
            for i = 1, 50 do x = x + i end
            if s.n < DRAWS then ctx.notify(ctx.msg) end
            """.replace("DRAWS", Integer.toString(DRAWS));

    @Test
    void busyActorsSharingDrainerThreadsEachKeepTheirOwnGenerator() {
        List<LuaActorRef> busy = new ArrayList<>();
        for (int i = 1; i <= ACTORS; i++) {
            LuaActorRef actor = actor("draw" + i, DRAW);
            actor.doSend(LuaMessage.from(i));
            busy.add(actor);
        }
        for (int i = 1; i <= ACTORS; i++) {
            LuaActorRef actor = busy.get(i - 1);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> actor.statistics().succeeded() >= DRAWS);
            assertThat(actor.call(LuaMessage.from("get"), Duration.ofSeconds(30))).as(actor.name())
                    .isEqualTo(alone(i));
        }
    }

    /** The same draws in an actor of its own system, with nobody to share a thread with. */
    private static LuaMessage alone(int seed) {
        try (LuaActorSystem own = LuaActorSystem.create()) {
            LuaActorRef actor = LuaActorBuilder.create().name("alone").onHandle(DRAW).start(own);
            actor.doSend(LuaMessage.from(seed));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> actor.statistics().succeeded() >= DRAWS);
            return actor.call(LuaMessage.from("get"), Duration.ofSeconds(30));
        }
    }
}
