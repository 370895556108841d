package io.github.luaactor.core.isolation;

import static io.github.luaactor.core.isolation.IsolationSupport.failureOf;
import static io.github.luaactor.core.isolation.IsolationSupport.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.github.luaactor.core.FailurePolicy;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.MemoryLimitExceededException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The messages of pending {@code ctx.notify_later} timers count towards the actor's memory limit (issue: thirty
 * hour-long timers of a large table pinned 1.4 GB): the timer that would take the actor over it fails the handler
 * at its line, and what the timers held is given back when they fire or the actor stops.
 */
class TimerMemoryTest {
    private static final long LIMIT = 2L * 1024 * 1024;
    private static final int CHARS = 256 * 1024;

    @ParameterizedTest(name = "compiled handlers: {0}")
    @ValueSource(booleans = {true, false})
    void pendingTimersHoldTheirMessagesOnTheActorsAccount(boolean compiled) {
        try (LuaActorSystem system = LuaActorSystem.builder().compileHandlers(compiled).build()) {
            LuaActorRef hoarder = LuaActorBuilder.create().name("hoarder")
                    .settings(s -> s.withMemoryLimit(LIMIT).withOnFailure(FailurePolicy.RESUME)).onHandle("""
                            if ctx.msg == 'tick' then return end
                            local big = ('x'):rep(%d)
                            ctx.notify_later(big, ctx.msg)
                            return 'scheduled'""".formatted(CHARS)).start(system);
            int scheduled = 0;
            Throwable failure = null;
            while (failure == null && scheduled < 100) {
                var reply = hoarder.send(LuaMessage.from(3600));
                failure = reply.handle((ok, error) -> error).join();
                if (failure == null) {
                    scheduled++;
                } else {
                    failure = failureOf(reply);
                }
            }
            // Each message is estimated at two bytes a char: 512 KiB of a 2 MiB limit.
            assertThat(scheduled).isBetween(1, 4);
            assertThat(failure).isInstanceOf(MemoryLimitExceededException.class)
                    .hasMessageContaining("hoarder").hasMessageContaining("hoarder.handle:3")
                    .hasMessageContaining("memory-limit");
            assertThat(hoarder.statistics().pendingTimers()).isEqualTo(scheduled);
            assertThat(hoarder.statistics().memoryEstimate()).isGreaterThanOrEqualTo((long) scheduled * CHARS);
            assertThat(hoarder.isAlive()).isTrue();

            hoarder.stop().join();
            assertThat(hoarder.statistics().pendingTimers()).isZero();
        }
    }

    @ParameterizedTest(name = "compiled handlers: {0}")
    @ValueSource(booleans = {true, false})
    void firedTimersGiveTheirBytesBack(boolean compiled) {
        try (LuaActorSystem system = LuaActorSystem.builder().compileHandlers(compiled).build()) {
            LuaActorRef repeater = LuaActorBuilder.create().name("repeater")
                    .settings(s -> s.withMemoryLimit(LIMIT)).onHandle("""
                            if ctx.msg ~= 'go' then ctx.state.fired = (ctx.state.fired or 0) + 1 return end
                            ctx.notify_later(('y'):rep(%d), 0)
                            ctx.notify_later(('z'):rep(%d), 0)""".formatted(CHARS, CHARS)).start(system);
            // Twenty rounds of 1 MiB each would pass the 2 MiB limit many times over if fired timers kept theirs.
            for (int round = 1; round <= 20; round++) {
                join(repeater.send(LuaMessage.from("go")));
                await().atMost(Duration.ofSeconds(60)).until(() -> repeater.statistics().pendingTimers() == 0);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> repeater.statistics().processed() >= 60);
            assertThat(repeater.statistics().failed()).isZero();
        }
    }
}
