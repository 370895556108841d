package io.github.luaactor.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stopping the context stops the actors within one {@code lua-actor.shutdown.timeout}. */
class LuaActorLifecycleTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LuaActorAutoConfiguration.class));

    @Test
    void contextCloseWithAStuckActorTakesOneShutdownTimeoutNotTwo() {
        // Before, the lifecycle waited the timeout and LuaActorSystem.close() waited it again (6 s and more here).
        // One timeout and two are told apart at twice the timeout: the 3 s left over are for a loaded machine.
        Duration timeout = Duration.ofSeconds(3);
        CountDownLatch never = new CountDownLatch(1);
        List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
        this.runner
            .withPropertyValues("lua-actor.shutdown.timeout=" + timeout.toSeconds() + "s",
                    "lua-actor.actors.waiter.handle=return ctx.send('blocker', ctx.msg)")
            .run((context) -> {
                LuaActorSystem system = context.getBean(LuaActorSystem.class);
                system.addDeadLetterListener(deadLetters::add);
                system.addRecipient("blocker", (msg) -> {
                    never.await(60, TimeUnit.SECONDS);
                    return LuaMessage.NIL;
                });
                LuaActorRef waiter = context.getBean("waiter", LuaActorRef.class);
                waiter.doSend(LuaMessage.from("stuck"));
                await().until(() -> waiter.statistics().suspended() == 1);

                long start = System.nanoTime();
                context.close();
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                assertThat(tookMillis).isLessThan(timeout.toMillis() * 2);
                assertThat(waiter.isAlive()).isFalse();
                assertThat(deadLetters).singleElement().satisfies((letter) -> {
                    assertThat(letter.reason()).isEqualTo(DeadLetter.Reason.SHUTDOWN_TIMEOUT);
                    assertThat(letter.message()).isEqualTo(LuaMessage.from("stuck"));
                });
            });
        never.countDown();
    }

}
