package io.github.luaactor.core.isolation;

import static io.github.luaactor.core.isolation.IsolationSupport.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.Quota;
import org.junit.jupiter.api.Test;

/** {@code ctx.notify_later}: pending timers bounded per actor, and a stopped actor's timers cancelled. */
class TimerQuotaTest {

    @Test
    void timersPerActorAreBoundedAndFreedAsTheyFire() {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef flood = LuaActorBuilder.create().name("flood")
                    .settings(s -> s.withQuotas(s.quotas().withMaxTimers(100))).onHandle("""
                            if ctx.msg == 'tick' then return end
                            local n = 0
                            local ok, err = pcall(function()
                                for i = 1, 1000000 do ctx.notify_later('tick', ctx.msg) n = n + 1 end
                            end)
                            return {n, err}""").start(system);
            List<?> reply = (List<?>) join(flood.send(LuaMessage.from(3600))).toJava();
            assertThat(reply.get(0)).isEqualTo(100L);
            assertThat(reply.get(1).toString()).contains("ctx.notify_later refused", "quota of 100 timers",
                    "lua-actor.defaults.max-timers", "flood.handle:4");
            assertThat(flood.statistics().pendingTimers()).isEqualTo(100);
            assertThat(flood.statistics().quotaExceeded(Quota.TIMERS)).isEqualTo(1);
        }
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef quick = LuaActorBuilder.create().name("quick")
                    .settings(s -> s.withQuotas(s.quotas().withMaxTimers(10))).onHandle("""
                            if ctx.msg == 'tick' then return end
                            for i = 1, 10 do ctx.notify_later('tick', 0) end""").start(system);
            for (int round = 0; round < 5; round++) {
                join(quick.send(LuaMessage.NIL));
                await().atMost(Duration.ofSeconds(60)).until(() -> quick.statistics().pendingTimers() == 0);
            }
            assertThat(quick.statistics().quotaExceeded(Quota.TIMERS)).isZero();
        }
    }

    @Test
    void stoppingAnActorCancelsItsTimers() {
        List<LuaMessage> fired = new CopyOnWriteArrayList<>();
        try (LuaActorSystem system = LuaActorSystem.create()) {
            system.addRecipient("witness", msg -> {
                fired.add(msg);
                return LuaMessage.NIL;
            });
            LuaActorRef sleeper = LuaActorBuilder.create().name("sleeper").onHandle("""
                    if ctx.msg == 'wake' then ctx.do_send('witness', 'woke') return end
                    for i = 1, 1000 do ctx.notify_later('wake', 0.5) end""").start(system);
            join(sleeper.send(LuaMessage.NIL));
            assertThat(sleeper.statistics().pendingTimers()).isEqualTo(1000);
            CompletableFuture<Void> stopped = sleeper.stop();
            stopped.join();
            assertThat(sleeper.statistics().pendingTimers()).isZero();
            // A control actor's timer of the same delay fires: the stopped one's would have by then too.
            LuaActorRef control = LuaActorBuilder.create().name("control").onHandle("""
                    if ctx.msg == 'wake' then ctx.do_send('witness', 'control') return end
                    ctx.notify_later('wake', 0.5)""").start(system);
            join(control.send(LuaMessage.NIL));
            await().atMost(Duration.ofSeconds(60)).until(() -> fired.contains(LuaMessage.from("control")));
            assertThat(fired).containsOnly(LuaMessage.from("control"));
        }
    }
}
