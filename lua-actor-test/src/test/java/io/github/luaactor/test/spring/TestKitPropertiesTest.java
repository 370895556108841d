package io.github.luaactor.test.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaTimerScheduler;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorAutoConfiguration;
import io.github.luaactor.test.LuaActorTestKit;
import io.github.luaactor.test.VirtualTimerScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The kit's auto-configuration next to the lua-actor one, under its check of {@code lua-actor.*} keys: the keys the
 * kit reads are ones the check knows, and the kit does not switch the check off.
 */
class TestKitPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LuaActorTestKitAutoConfiguration.class,
                    LuaActorAutoConfiguration.class))
            .withPropertyValues("lua-actor.scripts=classpath*:no-such-location/*.lua");

    @Test
    void theKitRunsOnTheVirtualClockAndStartsCleanUnderTheKeyCheck() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(LuaActorTestKit.class);
            assertThat(context.getBean(LuaTimerScheduler.class)).isInstanceOf(VirtualTimerScheduler.class);
        });
    }

    @Test
    void disablingLuaActorsIsAKnownKeyAndLeavesTheKitOut() {
        runner.withPropertyValues("lua-actor.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(LuaActorTestKit.class).doesNotHaveBean(LuaActorSystem.class);
        });
    }

    @Test
    void aMisspeltKeyStillFailsStartUpWithTheKit() {
        runner.withPropertyValues("lua-actor.defaults.mailbox-capacty=5").run(context -> assertThat(context)
                .hasFailed()
                .getFailure().hasStackTraceContaining("lua-actor.defaults.mailbox-capacty"));
    }
}
