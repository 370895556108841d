package io.github.luaactor.core.isolation;

import static io.github.luaactor.core.isolation.IsolationSupport.failureOf;
import static io.github.luaactor.core.isolation.IsolationSupport.join;
import static io.github.luaactor.core.isolation.IsolationSupport.nested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

/**
 * Every {@code send}, {@code call} and {@code ctx.send} completes, with a value or an exception, whatever the message
 * and whatever the application's own callbacks throw; the failures are counted and visible as dead letters.
 */
class LostReplyTest {

    @Test
    void aMessageTooDeepToConvertFailsItsSenderAndTheActorGoesOn() {
        List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
        try (LuaActorSystem system = LuaActorSystem.builder().deadLetterListener(deadLetters::add).build()) {
            LuaActorRef echo = LuaActorBuilder.create().name("echo").onHandle("return ctx.msg").start(system);
            Throwable failure = failureOf(echo.send(nested(3_000)));
            assertThat(failure).isInstanceOf(LuaActorException.class).hasMessageContaining("echo")
                    .hasMessageContaining("nested deeper than 100 levels");
            assertThat(echo.statistics().failed()).isEqualTo(1);
            assertThat(echo.statistics().rejected(DeadLetter.Reason.UNDELIVERABLE)).isEqualTo(1);
            assertThat(deadLetters).extracting(DeadLetter::reason).containsExactly(DeadLetter.Reason.UNDELIVERABLE);
            // call (which may run on the caller's thread) fails the same way, and the actor still answers.
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                    () -> echo.call(nested(3_000), Duration.ofSeconds(60)))).isInstanceOf(LuaActorException.class);
            assertThat(join(echo.send(LuaMessage.from("still here")))).isEqualTo(LuaMessage.from("still here"));
        }
    }

    @Test
    void deepMessagesMixedWithOrdinaryOnesUnderContentionAllComplete() throws Exception {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef echo = LuaActorBuilder.create().name("echo").mailboxCapacity(0).onHandle("return ctx.msg")
                    .start(system);
            List<CompletableFuture<LuaMessage>> replies = new CopyOnWriteArrayList<>();
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                senders.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 200; i++) {
                        replies.add(echo.send(i % 10 == 0 ? nested(3_000) : LuaMessage.from(i)));
                    }
                }));
            }
            for (Thread sender : senders) {
                sender.join();
            }
            int failed = 0;
            for (CompletableFuture<LuaMessage> reply : replies) {
                try {
                    reply.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                }
            }
            assertThat(failed).isEqualTo(4 * 20);
            assertThat(echo.statistics().failed()).isEqualTo(4 * 20);
            assertThat(echo.statistics().succeeded()).isEqualTo(4 * 180);
        }
    }

    @Test
    void aJavaRecipientReplyTooDeepForLuaIsALuaErrorAtTheCtxSend() {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            system.addRecipient("deep", msg -> nested(3_000));
            LuaActorRef asker = LuaActorBuilder.create().name("asker").onHandle("""
                    local ok, err = pcall(ctx.send, 'deep', 1)
                    return tostring(ok) .. ' ' .. tostring(err)""").start(system);
            assertThat(join(asker.send(LuaMessage.NIL)).toJava().toString()).startsWith("false")
                    .contains("nested deeper than 100 levels");
        }
    }

    @Test
    void aThrowingDeadLetterListenerWedgesNothing() {
        AtomicInteger calls = new AtomicInteger();
        try (LuaActorSystem system = LuaActorSystem.builder()
                .deadLetterListener(letter -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("listener bug");
                })
                .deadLetterListener(letter -> {
                    throw new AssertionError("an Error, not an exception");
                })
                .build()) {
            LuaActorRef sender = LuaActorBuilder.create().name("sender").onHandle("""
                    local ok, err = pcall(ctx.send, 'nobody', 1)
                    return err""").start(system);
            for (int i = 0; i < 50; i++) {
                assertThat(join(sender.send(LuaMessage.NIL)).toJava().toString()).contains("nobody");
            }
            assertThat(calls).hasValue(50);
            LuaActorRef stopping = LuaActorBuilder.create().name("stopping").mailboxCapacity(1)
                    .onHandle("return 1").start(system);
            assertThat(join(stopping.send(nested(500)).exceptionally(t -> LuaMessage.from("failed"))))
                    .isEqualTo(LuaMessage.from("failed"));
            stopping.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> stopping.whenTerminated().isDone());
        }
    }

    @Test
    void aThrowingMonitorAndProbeWedgeNothing() {
        LuaActorMonitor hostile = new LuaActorMonitor() {
            @Override
            public Probe actorStarted(LuaActorRef actor) {
                if (actor.name().startsWith("no-probe")) {
                    throw new IllegalStateException("monitor bug at start");
                }
                return (wait, run, success) -> {
                    throw new StackOverflowError("probe bug");
                };
            }

            @Override
            public void actorStopped(LuaActorRef actor) {
                throw new IllegalStateException("monitor bug at stop");
            }
        };
        try (LuaActorSystem system = LuaActorSystem.builder().monitor(hostile).build()) {
            for (String name : List.of("probed", "no-probe")) {
                LuaActorRef actor = LuaActorBuilder.create().name(name).onHandle("return ctx.msg + 1").start(system);
                List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    replies.add(actor.send(LuaMessage.from(i)));
                }
                for (int i = 0; i < 100; i++) {
                    assertThat(join(replies.get(i))).isEqualTo(LuaMessage.from(i + 1));
                }
                assertThat(actor.call(LuaMessage.from(1), Duration.ofSeconds(60))).isEqualTo(LuaMessage.from(2));
                actor.stop();
                await().atMost(Duration.ofSeconds(60)).until(() -> actor.whenTerminated().isDone());
            }
        }
    }

    @Test
    void aThrowingCustomizerWedgesNothing() {
        try (LuaActorSystem system = LuaActorSystem.builder()
                .customizer(globals -> {
                    throw new AssertionError("customizer bug");
                })
                .customizer(globals -> {
                    throw new IllegalStateException("another customizer bug");
                })
                .build()) {
            LuaActorRef actor = LuaActorBuilder.create().name("customized").onHandle("return ctx.msg * 2")
                    .start(system);
            assertThat(join(actor.send(LuaMessage.from(21)))).isEqualTo(LuaMessage.from(42));
            assertThat(actor.call(LuaMessage.from(2), Duration.ofSeconds(60))).isEqualTo(LuaMessage.from(4));
        }
    }
}
