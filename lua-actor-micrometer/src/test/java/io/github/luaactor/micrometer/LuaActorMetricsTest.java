package io.github.luaactor.micrometer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.FailurePolicy;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.MailboxFullException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LuaActorMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** Every message timed, so that timer counts can be compared with message counts. */
    private final LuaActorMetrics metrics = new LuaActorMetrics(Tags.empty(), 1);
    private final LuaActorSystem system = LuaActorSystem.builder().monitor(metrics)
            .shutdownTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void countsProcessedMessagesAndTimesThem() throws Exception {
        metrics.bindTo(registry);
        LuaActorRef greeter = Actors.greeter(system, "greeter", 100);
        int n = 7;
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            replies.add(greeter.send(LuaMessage.from(i)));
        }
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(counter("lua.actor.messages.received", "greeter").count()).isEqualTo(n);
        assertThat(processed("greeter", "success")).isEqualTo(n);
        assertThat(processed("greeter", "error")).isZero();
        // the timers are recorded after the reply is completed: wait for the last one
        await().untilAsserted(() -> assertThat(timer("lua.actor.handle.duration", "greeter", "success").count())
                .isEqualTo(n));
        assertThat(timer("lua.actor.mailbox.wait", "greeter", null).count()).isEqualTo(n);
        assertThat(timer("lua.actor.handle.duration", "greeter", "success").totalTime(TimeUnit.NANOSECONDS))
                .isPositive();
        assertThat(gauge("lua.actor.mailbox.capacity", "greeter").value()).isEqualTo(100);
        assertThat(gauge("lua.actor.mailbox.size", "greeter").value()).isZero();
    }

    @Test
    void countsFailuresByOutcome() {
        metrics.bindTo(registry);
        LuaActorRef greeter = Actors.greeter(system, "greeter", 100);

        assertThatThrownBy(() -> greeter.send(LuaMessage.from("boom")).get(10, TimeUnit.SECONDS))
                .hasMessageContaining("kaboom");
        greeter.send(LuaMessage.from("ok")).join();

        assertThat(processed("greeter", "error")).isEqualTo(1);
        assertThat(processed("greeter", "success")).isEqualTo(1);
        await().untilAsserted(() -> assertThat(timer("lua.actor.handle.duration", "greeter", "success").count())
                .isEqualTo(1));
        assertThat(timer("lua.actor.handle.duration", "greeter", "error").count()).isEqualTo(1);
    }

    @Test
    void underLoadTimersSampleOneMessageInNWhileCountsStayExact() {
        LuaActorMetrics sampled = new LuaActorMetrics(Tags.empty(), 4);
        sampled.bindTo(registry);
        try (LuaActorSystem sampledSystem = LuaActorSystem.builder().monitor(sampled).build()) {
            LuaActorRef greeter = Actors.greeter(sampledSystem, "sampled", 100);
            // One at a time: a message that finds the actor idle is always timed. "Idle" is the sender's look at
            // the baton, which the drainer that answered the previous message may still hold on a loaded machine
            // (the reply is sent before the baton is let go): then the message falls to the one-in-four sampling.
            for (int i = 0; i < 5; i++) {
                assertThat(greeter.call(LuaMessage.from(i), Duration.ofSeconds(10))).isNotNull();
            }
            long sequential = timer("lua.actor.handle.duration", "sampled", "success").count();
            assertThat(sequential).isBetween(1L, 5L);

            // A queue of 40 behind a paused handler: exactly one in four of them is timed.
            Runnable release = Actors.pause(greeter);
            for (int i = 0; i < 40; i++) {
                greeter.doSend(LuaMessage.from(i));
            }
            release.run();
            await().untilAsserted(() -> assertThat(processed("sampled", "success")).isEqualTo(45));
            assertThat(counter("lua.actor.messages.received", "sampled").count()).isEqualTo(46);
            // The pause message itself is timed (an error) when it found the actor idle.
            long pauseTimed = timer("lua.actor.handle.duration", "sampled", "error").count();
            assertThat(pauseTimed).isBetween(0L, 1L);
            await().untilAsserted(() -> assertThat(timer("lua.actor.mailbox.wait", "sampled", null).count())
                    .isEqualTo(sequential + pauseTimed + 10));
            assertThat(timer("lua.actor.handle.duration", "sampled", "success").count()).isEqualTo(sequential + 10);
        }
    }

    @Test
    void theDocExampleMetersAnActorWithoutSpring() throws Exception {
        assertThat(ObservabilityDocExample.meteredWithoutSpring(registry)).isEqualTo(1);
        assertThat(registry.find("lua.actors.active").tag("app", "billing").gauge()).isNotNull();
    }

    @Test
    void timerSamplingBelowOneIsRefused() {
        assertThatThrownBy(() -> new LuaActorMetrics(Tags.empty(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timerSampling");
    }

    @Test
    void countsQuotaRefusalsByQuota() throws Exception {
        metrics.bindTo(registry);
        LuaActorRef flood = LuaActorBuilder.create().name("flood")
                .settings(s -> s.withQuotas(s.quotas().withMaxTimers(5)))
                .onHandle("for i = 1, 10 do pcall(ctx.notify_later, 'x', 3600) end").start(system);
        flood.send(LuaMessage.NIL).get(10, TimeUnit.SECONDS);
        assertThat(registry.get("lua.actor.quota.exceeded").tag("actor", "flood").tag("quota", "timers")
                .functionCounter().count()).isEqualTo(5);
        assertThat(registry.get("lua.actor.quota.exceeded").tag("actor", "flood").tag("quota", "children")
                .functionCounter().count()).isZero();
        assertThat(gauge("lua.actor.timers.pending", "flood").value()).isEqualTo(5);
    }

    @Test
    void showsTheJvmsCoroutinesAndRefusalsByTheJvmQuota() throws Exception {
        metrics.bindTo(registry);
        int before = LuaActorSystem.liveCoroutinesInJvm();
        try (LuaActorSystem small = LuaActorSystem.builder().monitor(metrics).maxCoroutinesPerJvm(before + 3)
                .build()) {
            LuaActorRef keeper = LuaActorBuilder.create().name("keeper").onHandle("""
                    ctx.state.keep = {}
                    for i = 1, 5 do
                        local made, co = pcall(coroutine.create, function() coroutine.yield() end)
                        if not made then break end
                        coroutine.resume(co)
                        ctx.state.keep[i] = co
                    end
                    return #ctx.state.keep""").start(small);
            assertThat(keeper.send(LuaMessage.NIL).get(10, TimeUnit.SECONDS).toJava()).isEqualTo(3L);
            assertThat(registry.get("lua.actor.quota.exceeded").tag("actor", "keeper").tag("quota", "jvm-coroutines")
                    .functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("lua.actors.coroutines").gauge().value()).isGreaterThanOrEqualTo(3);
            assertThat(registry.get("lua.actors.coroutines").gauge().getId().getTag("actor")).isNull();
        }
        await().untilAsserted(() -> assertThat(registry.get("lua.actors.coroutines").gauge().value())
                .isLessThanOrEqualTo(before));
    }

    @Test
    void showsAPausedMailboxFillingUpAndRejections() {
        metrics.bindTo(registry);
        LuaActorRef greeter = Actors.greeter(system, "greeter", 3);
        Runnable release = Actors.pause(greeter);

        for (int i = 0; i < 3; i++) {
            greeter.doSend(LuaMessage.from(i));
        }
        assertThatThrownBy(() -> greeter.doSend(LuaMessage.from("one too many")))
                .isInstanceOf(MailboxFullException.class);

        assertThat(gauge("lua.actor.mailbox.size", "greeter").value()).isEqualTo(3);
        assertThat(registry.get("lua.actor.messages.rejected").tag("actor", "greeter").tag("reason", "mailbox-full")
                .functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("lua.actor.messages.rejected").tag("actor", "greeter").tag("reason", "actor-stopped")
                .functionCounter().count()).isZero();

        // the pause ends (with a Lua error) when it is released; then the queue drains
        release.run();
        await().untilAsserted(() -> assertThat(processed("greeter", "success")).isEqualTo(3));
        assertThat(gauge("lua.actor.mailbox.size", "greeter").value()).isZero();
        assertThat(processed("greeter", "error")).isEqualTo(1);
    }

    @Test
    void reportsSuspendedHandlers() {
        metrics.bindTo(registry);
        CompletableFuture<LuaMessage> answer = new CompletableFuture<>();
        system.addRecipient("slow", msg -> answer.join());
        LuaActorRef asker = LuaActorBuilder.create().name("asker").onHandle("return ctx.send('slow', ctx.msg)")
                .start(system);

        CompletableFuture<LuaMessage> reply = asker.send(LuaMessage.from(1));
        await().untilAsserted(() -> assertThat(gauge("lua.actor.suspended", "asker").value()).isEqualTo(1));

        answer.complete(LuaMessage.from("done"));
        assertThat(reply.join()).isEqualTo(LuaMessage.from("done"));
        await().untilAsserted(() -> assertThat(gauge("lua.actor.suspended", "asker").value()).isZero());
    }

    @Test
    void handleDurationExcludesTimeSuspendedInCtxSend() throws Exception {
        metrics.bindTo(registry);
        CompletableFuture<LuaMessage> answer = new CompletableFuture<>();
        system.addRecipient("slow", msg -> answer.join());
        LuaActorRef asker = LuaActorBuilder.create().name("asker").onHandle("return ctx.send('slow', ctx.msg)")
                .start(system);

        long start = System.nanoTime();
        CompletableFuture<LuaMessage> reply = asker.send(LuaMessage.from(1));
        await().untilAsserted(() -> assertThat(gauge("lua.actor.suspended", "asker").value()).isEqualTo(1));
        // the handler stays suspended in ctx.send for a full second
        Thread.sleep(1000);
        answer.complete(LuaMessage.from("done"));
        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(LuaMessage.from("done"));
        long elapsedNanos = System.nanoTime() - start;
        assertThat(Duration.ofNanos(elapsedNanos)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        await().untilAsserted(() -> assertThat(timer("lua.actor.handle.duration", "asker", "success").count())
                .isEqualTo(1));
        // Run time and the (at least one second of) suspension both fit between the send and the reply, so the run
        // time alone is at most the elapsed time less a second, however slow the machine; with the suspension
        // counted in, it would exceed that.
        assertThat(timer("lua.actor.handle.duration", "asker", "success").totalTime(TimeUnit.NANOSECONDS))
                .isLessThanOrEqualTo(elapsedNanos - TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void countsRestarts() {
        metrics.bindTo(registry);
        LuaActorRef flaky = LuaActorBuilder.create().name("flaky").onHandle("error('no')")
                .onFailure(FailurePolicy.RESTART).start(system);

        flaky.send(LuaMessage.from(1));

        await().untilAsserted(() -> assertThat(counter("lua.actor.restarts", "flaky").count()).isEqualTo(1));
    }

    @Test
    void countsActiveActorsAndRemovesTheMetersOfStoppedOnes() {
        metrics.bindTo(registry);
        LuaActorRef one = Actors.greeter(system, "one", 10);
        Actors.greeter(system, "two", 10);
        assertThat(registry.get("lua.actors.active").gauge().value()).isEqualTo(2);

        one.stop().join();

        await().untilAsserted(() -> assertThat(registry.get("lua.actors.active").gauge().value()).isEqualTo(1));
        assertThat(registry.find("lua.actor.mailbox.size").tag("actor", "one").gauge()).isNull();
        assertThat(registry.find("lua.actor.handle.duration").tag("actor", "one").timers()).isEmpty();
        assertThat(registry.find("lua.actor.messages.processed").tag("actor", "one").functionCounters()).isEmpty();
        assertThat(registry.find("lua.actor.mailbox.size").tag("actor", "two").gauge()).isNotNull();
    }

    @Test
    void aNewActorOfTheSameNameGetsFreshMeters() {
        metrics.bindTo(registry);
        LuaActorRef first = Actors.greeter(system, "greeter", 10);
        first.send(LuaMessage.from(1)).join();
        first.stop().join();

        LuaActorRef second = Actors.greeter(system, "greeter", 20);
        second.send(LuaMessage.from(1)).join();
        second.send(LuaMessage.from(2)).join();

        assertThat(gauge("lua.actor.mailbox.capacity", "greeter").value()).isEqualTo(20);
        assertThat(processed("greeter", "success")).isEqualTo(2);
    }

    @Test
    void actorsStartedBeforeTheRegistryIsBoundGetTheirMetersWhenItIs() {
        LuaActorRef greeter = Actors.greeter(system, "early", 10);
        greeter.send(LuaMessage.from(1)).join();
        assertThat(registry.find("lua.actor.mailbox.size").gauges()).isEmpty();

        metrics.bindTo(registry);
        greeter.send(LuaMessage.from(2)).join();

        assertThat(processed("early", "success")).isEqualTo(2);
        await().untilAsserted(() -> assertThat(timer("lua.actor.handle.duration", "early", "success").count())
                .isEqualTo(1));
        assertThat(registry.get("lua.actors.active").gauge().value()).isEqualTo(1);
    }

    @Test
    void adoptsActorsOfASystemBuiltWithoutTheMonitor() {
        try (LuaActorSystem foreign = LuaActorSystem.create()) {
            LuaActorRef actor = Actors.greeter(foreign, "foreign", 10);
            metrics.bindTo(registry);
            metrics.track(foreign);
            actor.send(LuaMessage.from(1)).join();

            assertThat(processed("foreign", "success")).isEqualTo(1);
            assertThat(registry.find("lua.actor.handle.duration").tag("actor", "foreign").timers()).isEmpty();

            actor.stop().join();
            await().untilAsserted(() -> assertThat(registry.find("lua.actor.mailbox.size").tag("actor", "foreign")
                    .gauge()).isNull());
        }
    }

    @Test
    void everyMeterIsTaggedWithItsActor() {
        metrics.bindTo(registry);
        Actors.greeter(system, "greeter", 10);

        assertThat(registry.getMeters()).filteredOn(m -> m.getId().getName().startsWith("lua.actor."))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.getId().getTag("actor")).isEqualTo("greeter"));
        assertThat(registry.get("lua.actors.active").gauge().getId().getTag("actor")).isNull();
    }

    private double processed(String actor, String outcome) {
        return registry.get("lua.actor.messages.processed").tag("actor", actor).tag("outcome", outcome)
                .functionCounter().count();
    }

    private FunctionCounter counter(String name, String actor) {
        return registry.get(name).tag("actor", actor).functionCounter();
    }

    private Gauge gauge(String name, String actor) {
        return registry.get(name).tag("actor", actor).gauge();
    }

    private Timer timer(String name, String actor, String outcome) {
        var search = registry.get(name).tag("actor", actor);
        return outcome == null ? search.timer() : search.tag("outcome", outcome).timer();
    }
}
