package io.github.luaactor.core.isolation;

import static io.github.luaactor.core.isolation.IsolationSupport.join;
import static io.github.luaactor.core.isolation.IsolationSupport.scripts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.Quota;
import io.github.luaactor.core.QuotaExceededException;
import org.junit.jupiter.api.Test;

/** {@code ctx.new_actor} in a loop, or a fork bomb, meets the children and actors quotas. */
class ActorQuotaTest {

    @Test
    void newActorInALoopStopsAtTheChildrenQuota() {
        try (LuaActorSystem system = LuaActorSystem.builder()
                .scriptResolver(scripts(Map.of("child", "return 'child'"))).build()) {
            LuaActorRef parent = LuaActorBuilder.create().name("parent")
                    .settings(s -> s.withQuotas(s.quotas().withMaxChildren(20))).onHandle("""
                            local n = 0
                            local ok, err = pcall(function()
                                for i = 1, 1000000 do ctx.new_actor('child') n = n + 1 end
                            end)
                            return {n, err}""").start(system);
            List<?> reply = (List<?>) join(parent.send(LuaMessage.NIL)).toJava();
            assertThat(reply.get(0)).isEqualTo(20L);
            assertThat(reply.get(1).toString()).contains("ctx.new_actor('child') refused", "quota of 20 children",
                    "lua-actor.defaults.max-children", "parent", "parent.handle:3");
            assertThat(parent.statistics().quotaExceeded(Quota.CHILDREN)).isEqualTo(1);
            assertThat(parent.statistics().children()).isEqualTo(20);
            // A child that stops frees its place.
            system.actors().stream().filter(a -> a.name().startsWith("child")).findFirst().orElseThrow().stop()
                    .join();
            await().atMost(Duration.ofSeconds(60)).until(() -> parent.statistics().children() == 19);
        }
    }

    @Test
    void aForkBombStopsAtTheSystemsActorQuotaAndCloseIsQuick() {
        String bomb = """
                for i = 1, 10 do pcall(ctx.new_actor, 'bomb') end
                return 'ok'""";
        LuaActorSystem system = LuaActorSystem.builder().maxActors(300)
                .scriptResolver(scripts(Map.of("bomb", "pcall(ctx.new_actor, 'bomb') pcall(ctx.new_actor, 'bomb')"
                        + " return 1")))
                .build();
        try {
            List<CompletableFuture<LuaMessage>> sparks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                LuaActorRef spark = LuaActorBuilder.create().name("spark-" + i).onHandle(bomb).start(system);
                sparks.add(spark.send(LuaMessage.NIL));
            }
            sparks.forEach(IsolationSupport::join);
            // Children started by the bomb send themselves nothing: drive a few generations from Java.
            for (int round = 0; round < 5; round++) {
                List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
                for (LuaActorRef actor : system.actors()) {
                    replies.add(actor.send(LuaMessage.NIL));
                }
                replies.forEach(r -> r.handle((v, t) -> v).join());
            }
            assertThat(system.actors().size()).isLessThanOrEqualTo(300);
            long refused = system.actors().stream().mapToLong(a -> a.statistics().quotaExceeded(Quota.ACTORS)).sum();
            assertThat(refused).isPositive();
            assertThatThrownBy(() -> LuaActorBuilder.create().name("one-too-many").onHandle("return 1")
                    .start(system)).isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                        assertThat(e.quota()).isEqualTo(Quota.ACTORS);
                        assertThat(e.limit()).isEqualTo(300);
                        assertThat(e).hasMessageContaining("lua-actor.quotas.max-actors")
                                .hasMessageContaining("one-too-many");
                    });
        } finally {
            long start = System.nanoTime();
            system.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void anActorThatStoppedFreesItsPlaceInTheSystem() {
        try (LuaActorSystem system = LuaActorSystem.builder().maxActors(2).build()) {
            LuaActorRef first = LuaActorBuilder.create().name("first").onHandle("return 1").start(system);
            LuaActorBuilder.create().name("second").onHandle("return 2").start(system);
            assertThatThrownBy(() -> LuaActorBuilder.create().name("third").onHandle("return 3").start(system))
                    .isInstanceOf(QuotaExceededException.class);
            first.stop().join();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    join(LuaActorBuilder.create().name("third").onHandle("return 3").start(system)
                            .send(LuaMessage.NIL))).isEqualTo(LuaMessage.from(3)));
            assertThatThrownBy(() -> LuaActorBuilder.create().name("fourth").onHandle("return 4").start(system))
                    .isInstanceOf(QuotaExceededException.class);
        }
    }
}
