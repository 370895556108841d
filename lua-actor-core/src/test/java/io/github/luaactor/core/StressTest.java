package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * 16 senders, 1,000 actors, random send / doSend / ctx.send chains, with restarts and reloads happening meanwhile.
 * Every message carries a unique id, and each id gets exactly one outcome: its handler ran (recorded by the handler
 * itself) or it was published as a dead letter. A lost message has none, a duplicated one two, so the two cannot
 * cancel out; and every reply, to Java or to {@code ctx.send}, is the answer to its own message.
 */
class StressTest extends ActorTestSupport {
    private static final int ACTORS = 1_000;
    private static final int SENDERS = 16;
    private static final int OPERATIONS_PER_SENDER = 3_000;

    private static final String HANDLER = """
            local m = ctx.msg
            handled(m.id)
            ctx.state.n = (ctx.state.n or 0) + 1
            if m.fail then error('planned failure') end
            if m.hops > 0 then
              local child = next_id()
              local ok, reply = pcall(ctx.send, 'a' .. m.next,
                  {id = child, hops = m.hops - 1, next = (m.next * 7 + 3) %% %d, fail = child %% 50 == 0})
              if ok then answered(child, reply) end
            end
            return m.id -- %s""";

    private final AtomicLong ids = new AtomicLong();
    /** Each id's first outcome; a second one goes to {@link #duplicates}. */
    private final Map<Long, String> outcomes = new ConcurrentHashMap<>();
    private final Queue<String> duplicates = new ConcurrentLinkedQueue<>();
    /** Replies that did not carry the id of the message they answer. */
    private final Queue<String> wrongReplies = new ConcurrentLinkedQueue<>();
    private final AtomicLong ctxSendAnswers = new AtomicLong();

    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder()
                .customizer(LuaVmCustomizer.function("next_id", ids::incrementAndGet))
                .customizer(LuaVmCustomizer.function("handled", (LuaMessage id) -> {
                    outcome(id, "handled");
                    return null;
                }))
                .customizer(LuaVmCustomizer.function("answered", (LuaMessage id, LuaMessage reply) -> {
                    ctxSendAnswers.incrementAndGet();
                    checkReply(id, reply, "ctx.send");
                    return null;
                }))
                .deadLetterListener(letter -> outcome(((LuaMessage.Table) letter.message()).get("id"),
                        "dead letter " + letter.reason()))
                .build();
    }

    private void outcome(LuaMessage id, String what) {
        long key = ((LuaMessage.Int) id).value();
        String first = outcomes.putIfAbsent(key, what);
        if (first != null) {
            duplicates.add(key + ": " + first + ", then " + what);
        }
    }

    private void checkReply(LuaMessage id, LuaMessage reply, String via) {
        if (!reply.equals(id)) {
            wrongReplies.add(via + " for message " + id + " got " + reply);
        }
    }

    @Test
    void everyMessageIsHandledExactlyOnceOrReportedAsADeadLetter() throws Exception {
        List<LuaActorRef> actors = new ArrayList<>();
        for (int i = 0; i < ACTORS; i++) {
            boolean small = i % 10 == 0;
            actors.add(LuaActorBuilder.create().name("a" + i)
                    .mailboxCapacity(small ? 20 : 0)
                    .overflowPolicy(i % 20 == 0 ? OverflowPolicy.DROP_OLDEST : OverflowPolicy.REJECT)
                    .onFailure(i % 3 == 0 ? FailurePolicy.RESTART : FailurePolicy.RESUME)
                    .settings(s -> s.withRestart(new ActorSettings.RestartSettings(Duration.ofMillis(1),
                            Duration.ofMillis(5), 1_000_000, Duration.ofMinutes(1))))
                    .onHandle(HANDLER.formatted(ACTORS, "v0"))
                    .start(system));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        List<CompletableFuture<Void>> reloads = new ArrayList<>();
        Thread reloader = Thread.ofPlatform().start(() -> {
            int version = 1;
            while (running.get()) {
                LuaActorRef target = actors.get(ThreadLocalRandom.current().nextInt(ACTORS));
                reloads.add(target.reload(HANDLER.formatted(ACTORS, "v" + version++)));
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        AtomicLong refusedAtSend = new AtomicLong();
        List<Map<Long, CompletableFuture<LuaMessage>>> asks = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < SENDERS; t++) {
            Map<Long, CompletableFuture<LuaMessage>> mine = new ConcurrentHashMap<>();
            asks.add(mine);
            senders.add(Thread.ofPlatform().start(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < OPERATIONS_PER_SENDER; i++) {
                    LuaActorRef target = actors.get(random.nextInt(ACTORS));
                    long id = ids.incrementAndGet();
                    LuaMessage message = LuaMessage.table("id", id, "hops", random.nextInt(4),
                            "next", random.nextInt(ACTORS), "fail", random.nextInt(50) == 0);
                    if (random.nextBoolean()) {
                        mine.put(id, target.send(message));
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
        long failedInHandler = 0;
        long refusedOrDropped = 0;
        for (Map<Long, CompletableFuture<LuaMessage>> mine : asks) {
            for (Map.Entry<Long, CompletableFuture<LuaMessage>> ask : mine.entrySet()) {
                try {
                    checkReply(LuaMessage.from(ask.getKey()), ask.getValue().get(60, TimeUnit.SECONDS), "send");
                    answered++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfAny(LuaScriptException.class, MailboxFullException.class);
                    String expected = e.getCause() instanceof LuaScriptException ? "handled" : "dead letter";
                    assertThat(outcomes.get(ask.getKey())).as("outcome of %d", ask.getKey()).startsWith(expected);
                    if (e.getCause() instanceof LuaScriptException) {
                        failedInHandler++;
                    } else {
                        refusedOrDropped++;
                    }
                }
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> actors.stream().allMatch(
                a -> a.statistics().suspended() == 0 && a.statistics().mailboxSize() == 0));
        for (CompletableFuture<Void> reload : reloads) {
            reload.get(60, TimeUnit.SECONDS);
        }

        long messages = ids.get();
        long handled = outcomes.values().stream().filter("handled"::equals).count();
        long deadLetters = outcomes.size() - handled;
        assertThat(duplicates).as("messages with two outcomes").isEmpty();
        assertThat(wrongReplies).as("replies to the wrong message").isEmpty();
        assertThat(handled + deadLetters).as("handled + dead letters = every message sent").isEqualTo(messages);
        assertThat(outcomes).as("no message without an outcome").hasSize((int) messages);

        long processed = 0;
        long restarts = 0;
        for (LuaActorRef actor : actors) {
            processed += actor.statistics().processed();
            restarts += actor.statistics().restarts();
            assertThat(actor.isAlive()).isTrue();
        }
        assertThat(processed).as("the actors' own count agrees").isEqualTo(handled);
        assertThat(answered + failedInHandler + refusedOrDropped).isEqualTo(asks.stream().mapToLong(Map::size).sum());
        // The mix really happened: chains, refusals, drops, handler failures, restarts and reloads.
        assertThat(messages).isGreaterThan((long) SENDERS * OPERATIONS_PER_SENDER);
        assertThat(ctxSendAnswers.get()).isPositive();
        assertThat(refusedAtSend.get() + refusedOrDropped).isPositive();
        assertThat(failedInHandler).isPositive();
        assertThat(restarts).as("restarts happened during the run").isPositive();
        assertThat(reloads).isNotEmpty();
        assertThat(handled).isGreaterThan((long) SENDERS * OPERATIONS_PER_SENDER / 2);
    }
}
