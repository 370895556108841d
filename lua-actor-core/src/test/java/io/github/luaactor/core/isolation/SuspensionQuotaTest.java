package io.github.luaactor.core.isolation;

import static io.github.luaactor.core.isolation.IsolationSupport.failureOf;
import static io.github.luaactor.core.isolation.IsolationSupport.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.Quota;
import org.junit.jupiter.api.Test;

/** Handlers waiting in {@code ctx.send}: bounded per actor, and chains of waiting handlers bounded in depth. */
class SuspensionQuotaTest {

    @Test
    void aSelfSendingChainStopsAtTheSendDepthAndEveryReplyCompletes() {
        List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
        try (LuaActorSystem system = LuaActorSystem.builder().maxSendDepth(50).deadLetterListener(deadLetters::add)
                .build()) {
            LuaActorRef chain = LuaActorBuilder.create().name("chain").mailboxCapacity(0)
                    .onHandle("return ctx.send(ctx.name, ctx.msg + 1)").start(system);
            Throwable failure = failureOf(chain.send(LuaMessage.from(0)));
            assertThat(failure).hasMessageContaining("quota of 50 send-depth")
                    .hasMessageContaining("lua-actor.quotas.max-send-depth").hasMessageContaining("chain.handle:1");
            assertThat(chain.statistics().quotaExceeded(Quota.SEND_DEPTH)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> chain.statistics().suspended() == 0);
            assertThat(deadLetters).extracting(DeadLetter::reason).contains(DeadLetter.Reason.QUOTA_EXCEEDED);
            // The handlers at depths 0 to 50 all fail: the refusal travels back up the chain.
            assertThat(chain.statistics().failed()).isEqualTo(51);
        }
    }

    @Test
    void aChainAcrossActorsCountsEveryHop() {
        try (LuaActorSystem system = LuaActorSystem.builder().maxSendDepth(3).build()) {
            for (int i = 0; i < 5; i++) {
                LuaActorBuilder.create().name("hop" + i).onHandle(i == 4 ? "return 'end'"
                        : "return ctx.send('hop" + (i + 1) + "', ctx.msg)").start(system);
            }
            LuaActorRef first = system.actor("hop0").orElseThrow();
            assertThat(failureOf(first.send(LuaMessage.NIL))).hasMessageContaining("send-depth");
            LuaActorRef short2 = system.actor("hop2").orElseThrow();
            assertThat(join(short2.send(LuaMessage.NIL))).isEqualTo(LuaMessage.from("end"));
        }
    }

    @Test
    void suspendedHandlersPerActorAreBoundedUnderContention() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        try (LuaActorSystem system = LuaActorSystem.create()) {
            system.addRecipient("gate", msg -> {
                gate.await(60, TimeUnit.SECONDS);
                return msg;
            });
            LuaActorRef waiter = LuaActorBuilder.create().name("waiter").mailboxCapacity(0)
                    .settings(s -> s.withQuotas(s.quotas().withMaxSuspendedHandlers(100)))
                    .onHandle("return ctx.send('gate', ctx.msg)").start(system);
            List<CompletableFuture<LuaMessage>> replies = new CopyOnWriteArrayList<>();
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                senders.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 100; i++) {
                        replies.add(waiter.send(LuaMessage.from(i)));
                    }
                }));
            }
            for (Thread sender : senders) {
                sender.join();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> waiter.statistics().processed()
                    + waiter.statistics().suspended() == 400);
            assertThat(waiter.statistics().suspended()).isEqualTo(100);
            assertThat(waiter.statistics().quotaExceeded(Quota.SUSPENDED_HANDLERS)).isEqualTo(300);
            gate.countDown();
            int refused = 0;
            for (CompletableFuture<LuaMessage> reply : replies) {
                try {
                    reply.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).hasMessageContaining("suspended-handlers")
                            .hasMessageContaining("lua-actor.defaults.max-suspended-handlers");
                    refused++;
                }
            }
            assertThat(refused).isEqualTo(300);
        } finally {
            gate.countDown();
        }
    }
}
