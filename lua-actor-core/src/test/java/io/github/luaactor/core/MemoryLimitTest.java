package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-actor memory limit: what an actor keeps (globals, {@code ctx.state}, upvalues, the running handler's
 * locals) is estimated, and the handler that takes it over the limit fails with {@link MemoryLimitExceededException}
 * naming the actor, script, line, limit and size, while the actor and its neighbours live on. Limits are small (a
 * few MiB), so that the tests need no large heap; bombs run in several actors at once.
 */
class MemoryLimitTest extends ActorTestSupport {
    private static final long LIMIT = 4L * 1024 * 1024;

    /**
     * Interpreted: the measurement walks the running handler's registers, which compiled code keeps in JVM locals
     * out of reach (docs/security.md, "Memory"); {@link CompiledMemoryLimitTest} covers what compiled handlers get.
     */
    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().compileHandlers(false).build();
    }

    private LuaActorRef limited(String name, String handle, FailurePolicy policy) {
        return LuaActorBuilder.create().name(name).instructionLimit(0)
                .settings(s -> s.withMemoryLimit(LIMIT).withOnFailure(policy)).onHandle(handle).start(system);
    }

    @Test
    void stateThatGrowsPastTheLimitFailsTheMessageThatGrewIt() {
        LuaActorRef hoarder = limited("hoarder", """
                if ctx.msg == 'forget' then ctx.state.kept = nil return 'forgotten' end
                ctx.state.kept = ctx.state.kept or {}
                local kept = ctx.state.kept
                kept[#kept + 1] = ('x'):rep(2^16) .. #kept
                return #kept""", FailurePolicy.RESUME);
        Throwable failure = null;
        int stored = 0;
        for (int i = 0; i < 200 && failure == null; i++) {
            CompletableFuture<LuaMessage> reply = hoarder.send(LuaMessage.from("keep"));
            try {
                join(reply);
                stored++;
            } catch (AssertionError e) {
                failure = failureOf(reply);
            }
        }
        assertThat(failure).isInstanceOf(MemoryLimitExceededException.class)
                .hasMessageContaining("hoarder").hasMessageContaining("hoarder.handle:4")
                .hasMessageContaining(String.valueOf(LIMIT)).hasMessageContaining("memory-limit");
        MemoryLimitExceededException exceeded = (MemoryLimitExceededException) failure;
        assertThat(exceeded.limit()).isEqualTo(LIMIT);
        assertThat(exceeded.size()).isGreaterThan(LIMIT).isLessThan(LIMIT + LIMIT / 4);
        assertThat(exceeded.line()).isEqualTo(4);
        // 64 KiB each: the estimate lets the state reach the limit, give or take an eighth
        assertThat(stored).isBetween(48, 66);
        // the actor lives; a handler that lets go of its state brings it back under the limit
        assertThat(ask(hoarder, "forget")).isEqualTo(LuaMessage.from("forgotten"));
        assertThat(ask(hoarder, "keep")).isEqualTo(LuaMessage.from(1));
        assertThat(hoarder.statistics().memoryEstimate()).isPositive().isLessThan(LIMIT);
    }

    @Test
    void withRestartTheActorComesBackWithAFreshState() {
        LuaActorRef hoarder = limited("restarted", """
                if ctx.msg == 'grow' then big = {} for i = 1, 200 do big[i] = ('y'):rep(2^15) .. i end end
                return big and #big or 0""", FailurePolicy.RESTART);
        Throwable failure = failureOf(hoarder.send(LuaMessage.from("grow")));
        assertThat(failure).isInstanceOf(MemoryLimitExceededException.class).hasMessageContaining("restarted.handle:1");
        assertThat(ask(hoarder, "count")).as("a fresh VM has no 'big'").isEqualTo(LuaMessage.from(0));
        assertThat(hoarder.statistics().restarts()).isEqualTo(1);
        assertThat(hoarder.isAlive()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "local t = {} for i = 1, 1e7 do t[i] = {i} end",
            "local t = {} for i = 1, 1e7 do t[i] = function() return i end end",
            "local s = ('x'):rep(2^16) local t = {} for i = 1, 1e4 do t[i] = {s:byte(1, -1)} end",
            "local t = {} for i = 1, 1e7 do t[i] = i end",
            "local s = ('x'):rep(2^16) local t = {} for i = 1, 1e5 do t[i] = s .. i end",
            "local t = {} local s = ('x'):rep(2^16) for i = 1, 1e5 do t[i] = s:upper() end",
            "local t = {} for i = 1, 1e6 do t[#t + 1] = {i, i, i} end",
            "local co = coroutine.wrap(function() local t = {} for i = 1, 1e7 do t[i] = {i} end end) co()",
            // built in Java, where the hook sees no table being made: json.decode charges what it may have built
            "local s = '[' .. ('1,'):rep(2^15) .. '1]' local t = {} for i = 1, 1e4 do t[i] = require('json').decode(s) end",
            // a loaded function holds its chunk's code and constants
            "local src = 'return \"' .. ('x'):rep(2^16) .. '\"' local t = {} for i = 1, 1e4 do t[i] = load(src) end",
    })
    void aBombWithinOneMessageStopsAtTheLimit(String bomb) {
        LuaActorRef neighbour = actor("neighbour", "return 'fine'");
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            LuaActorRef bomber = limited("bomber" + i, "if ctx.msg == 'ping' then return 'pong' end\n" + bomb,
                    FailurePolicy.RESUME);
            replies.add(bomber.send(LuaMessage.from("boom")));
        }
        for (int i = 0; i < replies.size(); i++) {
            Throwable failure = failureOf(replies.get(i));
            assertThat(failure).isInstanceOf(MemoryLimitExceededException.class)
                    .hasMessageContaining("bomber" + i).hasMessageContaining("bomber" + i + ".handle:2");
            assertThat(ask(system.actor("bomber" + i).orElseThrow(), "ping")).isEqualTo(LuaMessage.from("pong"));
        }
        assertThat(ask(neighbour, 1)).isEqualTo(LuaMessage.from("fine"));
    }

    @Test
    void anActorWellUnderItsLimitIsNeverMeasured() {
        LuaActorRef counter = limited("counter", "ctx.state.n = (ctx.state.n or 0) + 1 return ctx.state.n",
                FailurePolicy.RESUME);
        for (int i = 1; i <= 1000; i++) {
            assertThat(ask(counter, i)).isEqualTo(LuaMessage.from(i));
        }
        assertThat(counter.statistics().memoryMeasurements()).isZero();
    }

    @Test
    void zeroMeansUnlimited() {
        LuaActorRef free = LuaActorBuilder.create().name("free").settings(s -> s.withMemoryLimit(0))
                .onHandle("local t = {} for i = 1, 2e5 do t[i] = {i} end return #t").start(system);
        assertThat(ask(free, 1)).isEqualTo(LuaMessage.from(200_000));
    }
}
