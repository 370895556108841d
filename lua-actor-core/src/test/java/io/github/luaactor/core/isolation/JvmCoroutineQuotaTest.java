package io.github.luaactor.core.isolation;

import static io.github.luaactor.core.isolation.IsolationSupport.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.Quota;
import org.junit.jupiter.api.Test;

/**
 * The JVM-wide quota of live coroutines ({@code maxCoroutinesPerJvm}): it counts the coroutines of every actor system
 * in the JVM, the actor whose coroutine passes it gets the error (naming the actor, its script and line, the quota and
 * the property), concurrent creators cannot pass it together, and coroutines that end, or whose system closes, give
 * their places back. Limits are set above what the JVM holds when each test starts, since other tests' systems share
 * the count.
 */
class JvmCoroutineQuotaTest {
    /** Keeps {@code ctx.msg} suspended coroutines that started; returns how many it keeps, or the error. */
    private static final String HOARD = """
            ctx.state.keep = ctx.state.keep or {}
            local ok, err = pcall(function()
                for i = 1, ctx.msg do
                    local co = coroutine.create(function() coroutine.yield() end)
                    local started, why = coroutine.resume(co)
                    if not started then error(why, 0) end
                    table.insert(ctx.state.keep, co)
                end
            end)
            return err or #ctx.state.keep""";

    private static LuaActorSystem system(int maxPerJvm) {
        return LuaActorSystem.builder().maxCoroutinesPerJvm(maxPerJvm).build();
    }

    private static LuaActorRef hoarder(LuaActorSystem system, String name) {
        return LuaActorBuilder.create().name(name).onHandle(HOARD).start(system);
    }

    @Test
    void twoSystemsTogetherMeetTheQuotaAndTheOneThatPassesItGetsTheError() {
        int before = LuaActorSystem.liveCoroutinesInJvm();
        int limit = before + 150;
        LuaActorSystem first = system(limit);
        LuaActorSystem second = system(limit);
        try {
            LuaActorRef a = hoarder(first, "first");
            LuaActorRef b = hoarder(second, "second");
            assertThat(join(a.send(LuaMessage.from(100)))).isEqualTo(LuaMessage.from(100));
            assertThat(first.liveCoroutines()).isEqualTo(100);
            String refusal = join(b.send(LuaMessage.from(100))).toJava().toString();
            assertThat(refusal).contains("coroutine.create: " + limit + " coroutines already run in this JVM",
                    "quota of " + limit + " jvm-coroutines reached", "Lua actor 'second'",
                    "lua-actor.quotas.max-coroutines-per-jvm", "LuaActorSystem.Builder.maxCoroutinesPerJvm")
                    .containsPattern("second\\.handle:\\d+:");
            assertThat(b.statistics().quotaExceeded(Quota.JVM_COROUTINES)).isEqualTo(1);
            assertThat(a.statistics().quotaExceeded(Quota.JVM_COROUTINES)).isZero();
            assertThat(LuaActorSystem.liveCoroutinesInJvm()).isLessThanOrEqualTo(limit);
            long keptBySecond = second.liveCoroutines();
            assertThat(keptBySecond).isBetween(1L, 50L + before);

            // Closing the first system ends its coroutines: their places are free for the second.
            first.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.liveCoroutines() == 0);
            assertThat(join(b.send(LuaMessage.from(90)))).isEqualTo(LuaMessage.from(keptBySecond + 90));
        } finally {
            first.close();
            second.close();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> LuaActorSystem.liveCoroutinesInJvm() <= before);
        assertThat(second.liveCoroutines()).isZero();
    }

    @Test
    void actorsOfTwoSystemsStartingCoroutinesAtOnceCannotPassItTogether() throws Exception {
        int before = LuaActorSystem.liveCoroutinesInJvm();
        int limit = before + 200;
        LuaActorSystem first = system(limit);
        LuaActorSystem second = system(limit);
        try {
            List<LuaActorRef> hoarders = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                hoarders.add(hoarder(first, "first-" + i));
                hoarders.add(hoarder(second, "second-" + i));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
            List<Thread> senders = new ArrayList<>();
            for (LuaActorRef hoarder : hoarders) {
                CompletableFuture<LuaMessage> reply = new CompletableFuture<>();
                replies.add(reply);
                Thread sender = Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                        hoarder.send(LuaMessage.from(100)).whenComplete((r, e) -> {
                            if (e != null) {
                                reply.completeExceptionally(e);
                            } else {
                                reply.complete(r);
                            }
                        });
                    } catch (InterruptedException e) {
                        reply.completeExceptionally(e);
                    }
                });
                senders.add(sender);
            }
            go.countDown();
            long refusals = 0;
            for (CompletableFuture<LuaMessage> reply : replies) {
                Object result = join(reply).toJava();
                if (result instanceof String error) {
                    assertThat(error).contains("jvm-coroutines", "lua-actor.quotas.max-coroutines-per-jvm");
                    refusals++;
                }
            }
            for (Thread sender : senders) {
                sender.join();
            }
            // 600 asked for, 200 places: at least four of the six were refused, and the JVM never held more.
            assertThat(refusals).isGreaterThanOrEqualTo(4);
            assertThat(LuaActorSystem.liveCoroutinesInJvm()).isLessThanOrEqualTo(limit);
            assertThat(first.liveCoroutines() + second.liveCoroutines()).isLessThanOrEqualTo(limit);
            long counted = 0;
            for (LuaActorRef hoarder : hoarders) {
                counted += hoarder.statistics().quotaExceeded(Quota.JVM_COROUTINES);
            }
            assertThat(counted).isEqualTo(refusals);
        } finally {
            first.close();
            second.close();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> LuaActorSystem.liveCoroutinesInJvm() <= before);
    }

    @Test
    void coroutinesThatEndGiveTheirPlacesBack() {
        int before = LuaActorSystem.liveCoroutinesInJvm();
        try (LuaActorSystem system = system(before + 10)) {
            LuaActorRef churner = LuaActorBuilder.create().name("churner").onHandle("""
                    local n = 0
                    for i = 1, ctx.msg do
                        n = n + coroutine.wrap(function(x) return x end)(1)
                        local co = coroutine.create(function() return 1 end)
                        local _, one = coroutine.resume(co)
                        n = n + one
                    end
                    return n""").start(system);
            // 2,000 coroutines, each finished before the next starts, against room for 10.
            assertThat(join(churner.send(LuaMessage.from(1000)))).isEqualTo(LuaMessage.from(2000));
            assertThat(churner.statistics().quotaExceeded(Quota.JVM_COROUTINES)).isZero();
            assertThat(churner.statistics().failed()).isZero();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> LuaActorSystem.liveCoroutinesInJvm() <= before);
    }
}
