package io.github.luaactor.core.isolation;

import static io.github.luaactor.core.isolation.IsolationSupport.failureOf;
import static io.github.luaactor.core.isolation.IsolationSupport.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

import io.github.luaactor.core.BudgetExceededException;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.Quota;
import org.junit.jupiter.api.Test;

/**
 * Coroutines run on virtual threads: many cost no platform thread each, Lua's semantics are kept, budgets still
 * stop them, and the quotas per actor and per system bound them; a stopped actor's suspended coroutines are released.
 */
class CoroutineQuotaTest {

    @Test
    void twentyThousandLiveCoroutinesInOneActorNeedNoPlatformThreadEach() {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef keeper = LuaActorBuilder.create().name("keeper").instructionLimit(0)
                    .handlerTimeout(Duration.ofMinutes(2))
                    .settings(s -> s.withQuotas(s.quotas().withMaxCoroutines(20_000))).onHandle("""
                            if ctx.msg == 'count' then
                                local n = 0
                                for _, co in ipairs(ctx.state.keep) do
                                    if coroutine.status(co) == 'suspended' then n = n + 1 end
                                end
                                return n
                            end
                            ctx.state.keep = {}
                            for i = 1, 20000 do
                                local co = coroutine.create(function(x) while true do x = coroutine.yield(x + 1) end end)
                                coroutine.resume(co, i)
                                ctx.state.keep[i] = co
                            end
                            return #ctx.state.keep""").start(system);
            int platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            assertThat(join(keeper.send(LuaMessage.NIL))).isEqualTo(LuaMessage.from(20_000));
            int platformDuring = ManagementFactory.getThreadMXBean().getThreadCount();
            assertThat(IsolationSupport.platformThreads().size()).isLessThan(1_000);
            assertThat(platformDuring - platformBefore).as("platform threads added by 20,000 live coroutines")
                    .isLessThan(100);
            assertThat(join(keeper.send(LuaMessage.from("count")))).isEqualTo(LuaMessage.from(20_000));
        }
    }

    @Test
    void coroutineSemanticsAreLuas() {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef actor = LuaActorBuilder.create().name("semantics").onHandle("""
                    local out = {}
                    local main, ismain = coroutine.running()
                    out[#out + 1] = tostring(ismain)
                    local co
                    co = coroutine.create(function(a, b)
                        out[#out + 1] = coroutine.status(co)
                        local self, inmain = coroutine.running()
                        out[#out + 1] = tostring(self == co) .. tostring(inmain)
                        local inner = coroutine.create(function() out[#out + 1] = coroutine.status(co) end)
                        coroutine.resume(inner)
                        local ok, got = pcall(function() return coroutine.yield(a + b) end)
                        out[#out + 1] = tostring(ok) .. got
                        error({code = 7})
                    end)
                    out[#out + 1] = coroutine.status(co)
                    local ok, sum = coroutine.resume(co, 1, 2)
                    out[#out + 1] = tostring(ok) .. sum .. coroutine.status(co)
                    local ok2, err = coroutine.resume(co, 'x')
                    out[#out + 1] = tostring(ok2) .. type(err) .. err.code .. coroutine.status(co)
                    local ok3, err3 = coroutine.resume(co)
                    out[#out + 1] = tostring(ok3) .. err3
                    local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
                    out[#out + 1] = gen() .. gen() .. gen()
                    local okw, errw = pcall(coroutine.wrap(function() error('boom') end))
                    out[#out + 1] = tostring(okw) .. errw
                    local oky, erry = pcall(coroutine.yield, 1)
                    out[#out + 1] = tostring(oky) .. erry
                    return table.concat(out, '|')""").start(system);
            String[] seen = join(actor.send(LuaMessage.NIL)).toJava().toString().split("\\|");
            assertThat(List.of(seen).subList(0, 10)).containsExactly("true", "suspended", "running", "truefalse",
                    "normal", "true3suspended", "truex", "falsetable7dead", "falsecannot resume dead coroutine",
                    "123");
            assertThat(seen[10]).startsWith("false").contains("semantics.handle:24:", "boom");
            assertThat(seen[11]).isEqualTo("falseattempt to yield from outside a coroutine");
        }
    }

    @Test
    void budgetsStillStopLoopsInsideCoroutines() {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef spinner = LuaActorBuilder.create().name("spinner").instructionLimit(100_000).onHandle("""
                    local co = coroutine.wrap(function() pcall(function() while true do end end) end)
                    pcall(co)
                    return 'escaped'""").start(system);
            assertThat(failureOf(spinner.send(LuaMessage.NIL))).isInstanceOf(BudgetExceededException.class);
            LuaActorRef timed = LuaActorBuilder.create().name("timed").instructionLimit(0)
                    .handlerTimeout(Duration.ofMillis(300)).onHandle("""
                            local co = coroutine.create(function() while true do end end)
                            local ok = coroutine.resume(co)
                            return 'escaped'""").start(system);
            assertThat(failureOf(timed.send(LuaMessage.NIL))).isInstanceOfSatisfying(BudgetExceededException.class,
                    e -> assertThat(e.budget()).isEqualTo(BudgetExceededException.Budget.TIME));
            // The actors still answer.
            LuaActorRef again = LuaActorBuilder.create().name("again").onHandle(
                    "return coroutine.wrap(function() return 5 end)()").start(system);
            assertThat(join(again.send(LuaMessage.NIL))).isEqualTo(LuaMessage.from(5));
        }
    }

    @Test
    void theSystemQuotaCountsEveryActorsCoroutinesAndAStoppedActorReleasesItsOwn() {
        String hoard = """
                ctx.state.keep = ctx.state.keep or {}
                local ok, err = pcall(function()
                    for i = 1, ctx.msg do
                        local co = coroutine.create(function() coroutine.yield() end)
                        coroutine.resume(co)
                        table.insert(ctx.state.keep, co)
                    end
                end)
                return err or #ctx.state.keep""";
        try (LuaActorSystem system = LuaActorSystem.builder().maxCoroutines(150).build()) {
            LuaActorRef first = LuaActorBuilder.create().name("first").onHandle(hoard).start(system);
            LuaActorRef second = LuaActorBuilder.create().name("second").onHandle(hoard).start(system);
            assertThat(join(first.send(LuaMessage.from(100)))).isEqualTo(LuaMessage.from(100));
            assertThat(join(second.send(LuaMessage.from(100))).toJava().toString())
                    .contains("quota of 150 system-coroutines", "lua-actor.quotas.max-coroutines");
            assertThat(second.statistics().quotaExceeded(Quota.SYSTEM_COROUTINES)).isEqualTo(1);
            assertThat(join(first.send(LuaMessage.from(0)))).isEqualTo(LuaMessage.from(100));
            // second got 50 before the refusal; the stop releases first's 100 before it completes.
            first.stop().join();
            assertThat(join(second.send(LuaMessage.from(90)))).isEqualTo(LuaMessage.from(140));
        }
    }

    @Test
    void perActorQuotaAndUnreachableSuspendedCoroutinesAreReleased() {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef dropper = LuaActorBuilder.create().name("dropper")
                    .settings(s -> s.withQuotas(s.quotas().withMaxCoroutines(50))).onHandle("""
                            local ok, err = pcall(function()
                                for i = 1, ctx.msg do
                                    local co = coroutine.wrap(function() coroutine.yield() end)
                                    co()
                                end
                            end)
                            return err or 'ok'""").start(system);
            assertThat(join(dropper.send(LuaMessage.from(60))).toJava().toString())
                    .contains("coroutine.wrap: more than 50 unfinished coroutines in one actor",
                            "lua-actor.defaults.max-coroutines");
            assertThat(dropper.statistics().quotaExceeded(Quota.COROUTINES)).isEqualTo(1);
            // Nothing refers to those coroutines any more: once collected, their places are free again.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                System.gc();
                assertThat(join(dropper.send(LuaMessage.from(50)))).isEqualTo(LuaMessage.from("ok"));
            });
            assertThat(List.of(dropper.statistics().failed())).containsExactly(0L);
        }
    }
}
