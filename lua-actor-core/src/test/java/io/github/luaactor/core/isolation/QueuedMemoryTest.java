package io.github.luaactor.core.isolation;

import static io.github.luaactor.core.isolation.IsolationSupport.failureOf;
import static io.github.luaactor.core.isolation.IsolationSupport.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.MemoryLimitExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Large messages waiting in an actor's mailbox count towards its memory limit: a flood of them into a busy actor
 * (or into its own mailbox) is refused at the send once they would take it over, with
 * {@link MemoryLimitExceededException} and a {@code memory-limit} dead letter; those accepted are all handled, and
 * handled ones give their place back. Small messages are not counted.
 */
class QueuedMemoryTest {
    private static final long LIMIT = 4L * 1024 * 1024;
    /** 2^19 characters: estimated at about 1 MiB queued (two bytes a character). */
    private static final LuaMessage BIG = LuaMessage.from("x".repeat(1 << 19));

    @Test
    void aHandlerFloodingItsOwnMailboxWithLargeMessagesIsStoppedAtTheLimit() {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef flooder = LuaActorBuilder.create().name("flooder")
                    .settings(s -> s.withMemoryLimit(LIMIT)).onHandle("""
                            if ctx.msg ~= 'flood' then
                                ctx.state.handled = (ctx.state.handled or 0) + 1
                                return ctx.state.handled
                            end
                            local big = ('x'):rep(2^19)
                            local sent = 0
                            local ok, err = pcall(function()
                                for i = 1, 100 do
                                    ctx.do_send(ctx.name, big)
                                    sent = sent + 1
                                end
                            end)
                            return {sent = sent, err = err}""").start(system);
            LuaMessage.Table first = (LuaMessage.Table) join(flooder.send(LuaMessage.from("flood")));
            long sent = (Long) first.get("sent").toJava();
            assertThat(sent).isBetween(1L, 4L);
            assertThat(first.get("err").toJava().toString()).contains("flooder.handle:", "Lua actor 'flooder'",
                    "memory limit of " + LIMIT + " bytes", "memory-limit");
            assertThat(flooder.statistics().rejected(DeadLetter.Reason.MEMORY_LIMIT)).isEqualTo(1);
            // Every accepted message is handled and gives its place back: the next flood gets going again (not quite as
            // far, perhaps, if a measurement meanwhile found the last message in ctx.msg).
            LuaMessage.Table second = (LuaMessage.Table) join(flooder.send(LuaMessage.from("flood")));
            long sentAgain = (Long) second.get("sent").toJava();
            assertThat(sentAgain).isBetween(1L, sent);
            assertThat(join(flooder.send(LuaMessage.from("count")))).isEqualTo(LuaMessage.from(sent + sentAgain + 1));
            assertThat(flooder.statistics().failed()).isZero();
        }
    }

    @Test
    void javaSendersToABusyActorAreRefusedOnceItsQueueWouldPassTheLimitAndNoAcceptedMessageIsLost()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LuaActorSystem system = LuaActorSystem.create()) {
            system.addRecipient("gate", message -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return LuaMessage.NIL;
            });
            // Strict: while the first handler waits at the gate, nothing else runs and the messages queue up.
            LuaActorRef busy = LuaActorBuilder.create().name("busy")
                    .settings(s -> s.withMemoryLimit(LIMIT).withReentrant(false)).onHandle("""
                            if ctx.msg == 'wait' then return ctx.send('gate', 'x') end
                            ctx.state.handled = (ctx.state.handled or 0) + #ctx.msg
                            return ctx.state.handled""").start(system);
            busy.doSend(LuaMessage.from("wait"));
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int t = 0; t < 4; t++) {
                senders.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 5; i++) {
                        try {
                            busy.doSend(BIG);
                            accepted.incrementAndGet();
                        } catch (MemoryLimitExceededException e) {
                            assertThat(e).hasMessageContaining("busy").hasMessageContaining("memory-limit");
                            assertThat(e.limit()).isEqualTo(LIMIT);
                            assertThat(e.size()).isGreaterThan(LIMIT);
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            go.countDown();
            for (Thread sender : senders) {
                sender.join();
            }
            // 20 messages of about 1 MiB against 4 MiB: about 3 fit, and concurrent senders pass by one each at most.
            assertThat(accepted.get()).isBetween(1, 3 + 4);
            assertThat(refused.get()).isEqualTo(20 - accepted.get());
            assertThat(busy.statistics().rejected(DeadLetter.Reason.MEMORY_LIMIT)).isEqualTo(refused.get());
            // send() gets the refusal as its future's failure.
            assertThat(failureOf(busy.send(BIG))).isInstanceOf(MemoryLimitExceededException.class);
            // Small messages are not counted: they still go in.
            busy.doSend(LuaMessage.from("small"));

            release.countDown();
            long expected = (long) accepted.get() * (1 << 19) + "small".length();
            await().atMost(Duration.ofSeconds(60)).until(() -> busy.statistics().mailboxSize() == 0);
            assertThat(join(busy.send(LuaMessage.from("")))).isEqualTo(LuaMessage.from(expected));
            // Handled messages gave their place back: a large one fits again.
            busy.doSend(BIG);
            assertThat(join(busy.send(LuaMessage.from("")))).isEqualTo(LuaMessage.from(expected + (1 << 19)));
        }
    }

    /**
     * A handler suspended in ctx.send keeps its message: a large one stays on the account after it left the mailbox,
     * compiled or interpreted, until the handler resumes.
     */
    @ParameterizedTest(name = "compiled handlers: {0}")
    @ValueSource(booleans = {false, true})
    void theLargeMessagesOfSuspendedHandlersStayOnTheAccount(boolean compiled) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (LuaActorSystem system = LuaActorSystem.builder().compileHandlers(compiled).build()) {
            system.addRecipient("slow", message -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return LuaMessage.NIL;
            });
            LuaActorRef parker = LuaActorBuilder.create().name("parker").settings(s -> s.withMemoryLimit(LIMIT))
                    .onHandle("ctx.send('slow', 'wait') return 1").start(system);
            List<java.util.concurrent.CompletableFuture<LuaMessage>> accepted = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 12; i++) {
                java.util.concurrent.CompletableFuture<LuaMessage> reply = parker.send(BIG);
                if (reply.isCompletedExceptionally()) {
                    assertThat(failureOf(reply)).isInstanceOf(MemoryLimitExceededException.class)
                            .hasMessageContaining("parker");
                    refused++;
                    continue;
                }
                accepted.add(reply);
                // Each accepted message leaves the mailbox and waits with its handler before the next is sent.
                int waiting = accepted.size();
                await().atMost(Duration.ofSeconds(60)).until(() -> parker.statistics().suspended() == waiting);
            }
            // About 1 MiB each against 4 MiB: three wait, the rest are refused at the send.
            assertThat(accepted).hasSizeBetween(1, 4);
            assertThat(refused).isEqualTo(12 - accepted.size());
            release.countDown();
            for (java.util.concurrent.CompletableFuture<LuaMessage> reply : accepted) {
                assertThat(join(reply)).isEqualTo(LuaMessage.from(1));
            }
            // Resumed handlers gave their messages' places back.
            assertThat(join(parker.send(BIG))).isEqualTo(LuaMessage.from(1));
        }
    }

    @Test
    void withoutAMemoryLimitLargeMessagesAreNotRefused() {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef unlimited = LuaActorBuilder.create().name("unlimited")
                    .settings(s -> s.withMemoryLimit(0)).onHandle("""
                            if ctx.msg ~= 'flood' then return end
                            local big = ('x'):rep(2^19)
                            for i = 1, 8 do ctx.do_send(ctx.name, big) end
                            return 'sent'""").start(system);
            assertThat(join(unlimited.send(LuaMessage.from("flood")))).isEqualTo(LuaMessage.from("sent"));
            assertThat(unlimited.statistics().rejected(DeadLetter.Reason.MEMORY_LIMIT)).isZero();
        }
    }
}
