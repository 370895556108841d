package io.github.luaactor.core.isolation;

import static io.github.luaactor.core.isolation.IsolationSupport.join;
import static io.github.luaactor.core.isolation.IsolationSupport.scripts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.Quota;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scripts that try to take more than their share of the runtime. Each must be refused by its quota (counted on the
 * actor), its sender must get an answer, and a neighbour in the same system must still answer afterwards. Add a case
 * here for every new way found.
 */
class HostileScriptCorpusTest {

    static Stream<Arguments> corpus() {
        return Stream.of(
                hostile("new_actor in a loop", Quota.CHILDREN,
                        "for i = 1, 1e6 do ctx.new_actor('idle') end"),
                hostile("fork bomb", Quota.ACTORS,
                        "for i = 1, 1e4 do local ok, c = pcall(ctx.new_actor, 'bomb') if ok then ctx.do_send(c, 'go') end end"),
                hostile("self ctx.send chain", Quota.SEND_DEPTH,
                        "return ctx.send(ctx.name, (tonumber(ctx.msg) or 0) + 1)"),
                hostile("timer flood", Quota.TIMERS,
                        "for i = 1, 1e7 do ctx.notify_later('x', 3600) end"),
                hostile("coroutine hoard", Quota.COROUTINES,
                        "local keep = {} for i = 1, 1e6 do keep[i] = coroutine.create(function() "
                                + "coroutine.yield() end) coroutine.resume(keep[i]) end"),
                hostile("wrapped coroutine hoard under pcall", Quota.COROUTINES,
                        "local keep = {} for i = 1, 1e6 do local ok = pcall(function() keep[i] = coroutine.wrap("
                                + "function() coroutine.yield() end) keep[i]() end) if not ok then "
                                + "error('refused') end end"));
    }

    private static Arguments hostile(String name, Quota quota, String script) {
        return Arguments.of(name, quota, script);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedByItsQuotaAndHarmsNoNeighbour(String name, Quota quota, String script) throws Exception {
        try (LuaActorSystem system = LuaActorSystem.builder().maxActors(200).maxSendDepth(40)
                .scriptResolver(scripts(Map.of("idle", "return 1",
                        "bomb", "for i = 1, 5 do local ok, c = pcall(ctx.new_actor, 'bomb') "
                                + "if ok then ctx.do_send(c, 'go') end end")))
                .build()) {
            LuaActorRef neighbour = LuaActorBuilder.create().name("neighbour").onHandle("return 'fine'")
                    .start(system);
            LuaActorRef hostile = LuaActorBuilder.create().name("hostile").instructionLimit(50_000_000)
                    .handlerTimeout(Duration.ofMinutes(1)).mailboxCapacity(0)
                    .settings(s -> s.withQuotas(s.quotas().withMaxChildren(100).withMaxTimers(1_000)
                            .withMaxCoroutines(500)))
                    .onHandle(script).start(system);
            CompletableFuture<LuaMessage> reply = hostile.send(LuaMessage.NIL);
            try {
                reply.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException expected) {
                // a refusal may end the handler; what matters is that it ends, and what was counted
            }
            // The bomb's children go on multiplying after the reply: wait until the quota has refused some.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> system.actors().stream()
                    .mapToLong(a -> a.statistics().quotaExceeded(quota)).sum() > 0);
            long counted = system.actors().stream().mapToLong(a -> a.statistics().quotaExceeded(quota)).sum();
            assertThat(counted).as("refusals by %s", quota).isPositive();
            assertThat(join(neighbour.send(LuaMessage.NIL))).isEqualTo(LuaMessage.from("fine"));
        }
    }
}
