package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * 16 senders, 1,000 actors, random send / doSend / ctx.send chains, with restarts and reloads happening meanwhile:
 * every accepted message is handled exactly once or reported as a dead letter, and the counts add up.
 */
class StressTest extends ActorTestSupport {
    private static final int ACTORS = 1_000;
    private static final int SENDERS = 16;
    private static final int OPERATIONS_PER_SENDER = 3_000;

    private static final String HANDLER = """
            local m = ctx.msg
            ctx.state.n = (ctx.state.n or 0) + 1
            if m.fail then error('planned failure') end
            if m.hops > 0 then
              local ok, reply = pcall(ctx.send, 'a' .. m.next, {hops = m.hops - 1, next = (m.next * 7 + 3) %% %d})
              if ok then return reply + 1 end
              return -1
            end
            return %s""";

    @Test
    void everyAcceptedMessageIsHandledExactlyOnceOrReported() throws Exception {
        AtomicLong deadLetters = new AtomicLong();
        system.addDeadLetterListener(d -> deadLetters.incrementAndGet());
        List<LuaActorRef> actors = new ArrayList<>();
        for (int i = 0; i < ACTORS; i++) {
            boolean small = i % 10 == 0;
            actors.add(LuaActorBuilder.create().name("a" + i)
                    .mailboxCapacity(small ? 20 : 0)
                    .overflowPolicy(i % 20 == 0 ? OverflowPolicy.DROP_OLDEST : OverflowPolicy.REJECT)
                    .onFailure(i % 3 == 0 ? FailurePolicy.RESTART : FailurePolicy.RESUME)
                    .settings(s -> s.withRestart(new ActorSettings.RestartSettings(Duration.ofMillis(1),
                            Duration.ofMillis(5), 1_000_000, Duration.ofMinutes(1))))
                    .onHandle(HANDLER.formatted(ACTORS, "0"))
                    .start(system));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread reloader = Thread.ofPlatform().start(() -> {
            int version = 0;
            while (running.get()) {
                LuaActorRef target = actors.get(ThreadLocalRandom.current().nextInt(ACTORS));
                target.reload(HANDLER.formatted(ACTORS, "0 -- v" + version++));
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        AtomicLong refusedAtSend = new AtomicLong();
        List<List<CompletableFuture<LuaMessage>>> asks = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < SENDERS; t++) {
            List<CompletableFuture<LuaMessage>> mine = new ArrayList<>();
            asks.add(mine);
            senders.add(Thread.ofPlatform().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < OPERATIONS_PER_SENDER; i++) {
                    LuaActorRef target = actors.get(random.nextInt(ACTORS));
                    LuaMessage message = LuaMessage.table("hops", random.nextInt(4), "next", random.nextInt(ACTORS),
                            "fail", random.nextInt(50) == 0);
                    if (random.nextBoolean()) {
                        mine.add(target.send(message));
                    } else {
                        try {
                            target.doSend(message);
                        } catch (MailboxFullException e) {
                            refusedAtSend.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        running.set(false);
        reloader.join();

        long answered = 0;
        long failed = 0;
        for (List<CompletableFuture<LuaMessage>> mine : asks) {
            for (CompletableFuture<LuaMessage> ask : mine) {
                try {
                    ask.get(60, TimeUnit.SECONDS);
                    answered++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfAny(LuaScriptException.class, MailboxFullException.class);
                    failed++;
                }
            }
        }
        long asked = asks.stream().mapToLong(List::size).sum();
        assertThat(answered + failed).isEqualTo(asked);

        await().atMost(Duration.ofSeconds(60)).until(() -> actors.stream().allMatch(a -> a.statistics().suspended() == 0
                && a.statistics().mailboxSize() == 0));
        long received = 0;
        long processed = 0;
        long dropped = 0;
        long restarts = 0;
        for (LuaActorRef actor : actors) {
            ActorStatistics stats = actor.statistics();
            received += stats.received();
            processed += stats.processed();
            dropped += stats.rejected().get(DeadLetter.Reason.DROPPED_OLDEST);
            restarts += stats.restarts();
            assertThat(actor.isAlive()).isTrue();
        }
        assertThat(received).as("accepted = handled + dropped as dead letters").isEqualTo(processed + dropped);
        assertThat(deadLetters.get()).isGreaterThanOrEqualTo(dropped + refusedAtSend.get());
        assertThat(restarts).as("restarts happened during the run").isPositive();
        assertThat(processed).isGreaterThan((long) SENDERS * OPERATIONS_PER_SENDER / 2);
    }
}
