package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The threading model under contention: many senders, many actors, suspended handlers, timers and shutdown. */
class ConcurrencyTest extends ActorTestSupport {

    @Test
    void eightThreadsTimesOneHundredThousandDoSendsAreEachCountedOnceAndInSenderOrder() throws Exception {
        LuaActorRef counter = LuaActorBuilder.create().name("counter").mailboxCapacity(0).onHandle("""
                local s = ctx.state
                s.n = (s.n or 0) + 1
                if type(ctx.msg) == 'table' then
                  local last = s[ctx.msg.sender] or -1
                  if ctx.msg.seq ~= last + 1 then s.out_of_order = (s.out_of_order or 0) + 1 end
                  s[ctx.msg.sender] = ctx.msg.seq
                  return
                end
                return {n = s.n, out_of_order = s.out_of_order or 0}""").start(system);
        int senders = 8;
        int perSender = 100_000;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            String sender = "s" + t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perSender; i++) {
                    counter.doSend(LuaMessage.table("sender", sender, "seq", i));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        LuaMessage.Table result = (LuaMessage.Table) ask(counter, "total");
        assertThat(result.get("n")).isEqualTo(new LuaMessage.Int(senders * perSender + 1));
        assertThat(result.get("out_of_order")).isEqualTo(new LuaMessage.Int(0));
        assertThat(counter.statistics().received()).isEqualTo(senders * perSender + 1);
        assertThat(counter.statistics().processed()).isEqualTo(senders * perSender + 1);
    }

    @Test
    void oneHundredThousandSuspendedCtxSendsNeedOnlyAFewPlatformThreads() throws Exception {
        int suspended = 100_000;
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger blockedInJava = new AtomicInteger();
        // A blocking Java recipient, as a JDBC call would be: each call parks a virtual thread.
        system.addRecipient("gate", msg -> {
            blockedInJava.incrementAndGet();
            gate.await();
            return LuaMessage.from(((Number) msg.toJava()).longValue() + 1);
        });
        LuaActorRef waiter = LuaActorBuilder.create().name("waiter").mailboxCapacity(0)
                .askTimeout(Duration.ofMinutes(2))
                .onHandle("return ctx.send('gate', ctx.msg)").start(system);
        int platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>(suspended);
        for (int i = 0; i < suspended; i++) {
            replies.add(waiter.send(LuaMessage.from(i)));
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> waiter.statistics().suspended() == suspended);
        assertThat(blockedInJava).hasValue(suspended);
        int platformDuring = ManagementFactory.getThreadMXBean().getThreadCount();
        assertThat(platformDuring - platformBefore).as("platform threads added while %d handlers wait", suspended)
                .isLessThan(32);
        gate.countDown();
        long sum = 0;
        for (CompletableFuture<LuaMessage> reply : replies) {
            sum += ((LuaMessage.Int) join(reply)).value();
        }
        assertThat(sum).isEqualTo((long) suspended * (suspended + 1) / 2);
        assertThat(waiter.statistics().suspended()).isZero();
        assertThat(waiter.statistics().processed()).isEqualTo(suspended);
    }

    @Test
    void callCyclesBetweenActorsDoNotDeadlock() {
        actor("ping", "if ctx.msg <= 0 then return 0 end return ctx.send('pong', ctx.msg - 1) + 1");
        LuaActorRef pong = actor("pong", "if ctx.msg <= 0 then return 0 end return ctx.send('ping', ctx.msg - 1) + 1");
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            replies.add(pong.send(LuaMessage.from(50)));
        }
        for (CompletableFuture<LuaMessage> reply : replies) {
            assertThat(join(reply)).isEqualTo(new LuaMessage.Int(50));
        }
    }

    @Test
    void actorKeepsHandlingMessagesWhileAHandlerIsSuspended() {
        CountDownLatch gate = new CountDownLatch(1);
        system.addRecipient("slow", msg -> {
            gate.await();
            return LuaMessage.from("slow done");
        });
        LuaActorRef actor = actor("busy", "if ctx.msg == 'wait' then return ctx.send('slow', 1) end return ctx.msg * 2");
        CompletableFuture<LuaMessage> waiting = actor.send(LuaMessage.from("wait"));
        assertThat(ask(actor, 21)).isEqualTo(new LuaMessage.Int(42));
        assertThat(waiting).isNotDone();
        assertThat(actor.statistics().suspended()).isEqualTo(1);
        gate.countDown();
        assertThat(join(waiting)).isEqualTo(LuaMessage.from("slow done"));
    }

    @Test
    void suspendedHandlerSeesItsOwnMessageAndBudgetAfterResuming() {
        CountDownLatch gate = new CountDownLatch(1);
        system.addRecipient("slow", msg -> {
            gate.await();
            return LuaMessage.NIL;
        });
        LuaActorRef actor = LuaActorBuilder.create().name("interleaved").instructionLimit(1_000_000).onHandle("""
                if ctx.msg == 'first' then ctx.send('slow', 1) return ctx.msg end
                for i = 1, 400000 do end
                return ctx.msg""").start(system);
        CompletableFuture<LuaMessage> first = actor.send(LuaMessage.from("first"));
        await().until(() -> actor.statistics().suspended() == 1);
        for (int i = 0; i < 5; i++) {
            assertThat(ask(actor, "other" + i)).isEqualTo(LuaMessage.from("other" + i));
        }
        gate.countDown();
        assertThat(join(first)).isEqualTo(LuaMessage.from("first"));
    }

    @Test
    void manyActorsManySendersAndTimers() {
        int actors = 1_000;
        List<LuaActorRef> refs = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            refs.add(LuaActorBuilder.create().name("t" + i)
                    .onStarted("ctx.notify_later('tick', 0.01) ctx.notify_later('tick', 0.02)")
                    .onHandle("ctx.state.n = (ctx.state.n or 0) + 1 return ctx.state.n").start(system));
        }
        AtomicLong sent = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (LuaActorRef ref : refs) {
                    ref.doSend(LuaMessage.from(1));
                    sent.incrementAndGet();
                }
            }));
        }
        threads.forEach(thread -> {
            try {
                thread.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(
                () -> refs.stream().mapToLong(r -> r.statistics().processed()).sum() == sent.get() + 2L * actors);
        for (LuaActorRef ref : refs) {
            assertThat(ref.statistics().processed()).isEqualTo(6);
        }
    }

    @Test
    void everyAcceptedMessageIsHandledOrReportedAcrossShutdown() throws Exception {
        AtomicLong deadLetters = new AtomicLong();
        LuaActorSystem own = LuaActorSystem.builder().shutdownTimeout(Duration.ofMillis(300))
                .deadLetterListener(d -> deadLetters.incrementAndGet()).build();
        List<LuaActorRef> refs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            refs.add(LuaActorBuilder.create().name("w" + i).mailboxCapacity(0)
                    .onHandle("local x = 0 for i = 1, 2000 do x = x + i end return x").start(own));
        }
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            senders.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50_000; i++) {
                    try {
                        refs.get(i % refs.size()).doSend(LuaMessage.from(i));
                        accepted.incrementAndGet();
                    } catch (ActorStoppedException e) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        Thread.sleep(50);
        own.close();
        for (Thread sender : senders) {
            sender.join();
        }
        // close() returns by its deadline; an actor forced to stop mid-handler reports what it held right after.
        CompletableFuture.allOf(refs.stream().map(LuaActorRef::whenTerminated).toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
        long processed = refs.stream().mapToLong(r -> r.statistics().processed()).sum();
        long stoppedDeadLetters = refs.stream()
                .mapToLong(r -> r.statistics().rejected().values().stream().mapToLong(Long::longValue).sum()).sum();
        assertThat(refs).allSatisfy(r -> assertThat(r.isAlive()).isFalse());
        // Refused sends are dead letters too; accepted ones were handled or reported.
        assertThat(processed + stoppedDeadLetters).isEqualTo(accepted.get() + refused.get());
        assertThat(deadLetters.get()).isEqualTo(stoppedDeadLetters);
    }
}
