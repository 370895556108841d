package io.github.luaactor.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.luaactor.core.ActorSettings;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.Quota;
import io.github.luaactor.core.QuotaExceededException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The quota properties reach the actor system: system-wide ones on its builder, per-actor ones in its defaults. */
class LuaActorQuotaPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class))
        .withPropertyValues("lua-actor.scripts=classpath*:lua-test/none/*.lua");

    @Test
    void quotaPropertiesConfigureTheSystem() {
        this.runner
            .withPropertyValues("lua-actor.quotas.max-actors=1", "lua-actor.defaults.max-children=3",
                    "lua-actor.defaults.max-suspended-handlers=4", "lua-actor.defaults.max-timers=5",
                    "lua-actor.defaults.max-coroutines=6", "lua-actor.defaults.max-call-depth=7")
            .run((context) -> {
                LuaActorSystem system = context.getBean(LuaActorSystem.class);
                assertThat(system.defaultSettings().quotas())
                    .isEqualTo(new ActorSettings.QuotaSettings(3, 4, 5, 6, 7));
                LuaActorBuilder.create().name("one").onHandle("return 1").start(system);
                assertThatThrownBy(() -> LuaActorBuilder.create().name("two").onHandle("return 2").start(system))
                    .isInstanceOfSatisfying(QuotaExceededException.class,
                            (e) -> assertThat(e.quota()).isEqualTo(Quota.ACTORS));
            });
    }

    @Test
    void maxCoroutinesPerJvmBoundsTheCoroutinesOfTheJvm() {
        this.runner.withPropertyValues("lua-actor.quotas.max-coroutines-per-jvm=1").run((context) -> {
            LuaActorSystem system = context.getBean(LuaActorSystem.class);
            LuaActorRef keeper = LuaActorBuilder.create().name("keeper").onHandle("""
                    local ok, err = pcall(function()
                        for i = 1, 2 do
                            local co = coroutine.create(function() coroutine.yield() end)
                            coroutine.resume(co)
                            ctx.state[i] = co
                        end
                    end)
                    return err""").start(system);
            // One place in the whole JVM: the second coroutine (or the first, if another test left one) is refused.
            assertThat(keeper.send(LuaMessage.NIL).get(30, TimeUnit.SECONDS).toJava().toString())
                .contains("quota of 1 jvm-coroutines reached", "lua-actor.quotas.max-coroutines-per-jvm");
            assertThat(keeper.statistics().quotaExceeded(Quota.JVM_COROUTINES)).isEqualTo(1);
        });
    }

    @Test
    void maxCallDepthBoundsOneActorsRecursion() {
        String recursion = "local function r(n) if n == 0 then return 0 end return 1 + r(n - 1) end "
                + "local ok, err = pcall(r, ctx.msg) return ok and err or ('refused: ' .. err)";
        this.runner
            .withPropertyValues("lua-actor.actors.deep.handle=" + recursion, "lua-actor.actors.deep.max-call-depth=50",
                    "lua-actor.actors.other.handle=" + recursion)
            .run((context) -> {
                LuaActorRef deep = context.getBean("deep", LuaActorRef.class);
                LuaActorRef other = context.getBean("other", LuaActorRef.class);
                assertThat(deep.send(LuaMessage.from(40)).get(30, TimeUnit.SECONDS)).isEqualTo(LuaMessage.from(40));
                assertThat(deep.send(LuaMessage.from(60)).get(30, TimeUnit.SECONDS).toJava().toString())
                    .startsWith("refused: ")
                    .contains(":1: stack overflow (more than 50 nested Lua calls)",
                            "lua-actor.defaults.max-call-depth");
                assertThat(deep.statistics().quotaExceeded(Quota.CALL_DEPTH)).isEqualTo(1);
                // Every other actor keeps the default.
                assertThat(other.send(LuaMessage.from(60)).get(30, TimeUnit.SECONDS)).isEqualTo(LuaMessage.from(60));
            });
    }

    @Test
    void unsetQuotaPropertiesLeaveTheCoreDefaults() {
        this.runner.run((context) -> assertThat(context.getBean(LuaActorSystem.class).defaultSettings().quotas())
            .isEqualTo(ActorSettings.QuotaSettings.defaults()));
    }

}
