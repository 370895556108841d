package io.github.luaactor.core.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.luaactor.core.ActorStoppedException;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A handler abandoned by a forced stop never runs again, wherever it waited: in a coroutine, under pcall. */
class AbandonedHandlerTest {

    @ParameterizedTest
    @ValueSource(strings = {
        // plain
        "ctx.send('slow', 1) ctx.do_send('witness', 'after')",
        // under pcall
        "pcall(ctx.send, 'slow', 1) ctx.do_send('witness', 'after')",
        // inside a coroutine under pcall, resumed with coroutine.resume
        "local co = coroutine.create(function() pcall(ctx.send, 'slow', 1) ctx.do_send('witness', 'in') end) "
                + "coroutine.resume(co) ctx.do_send('witness', 'after')",
        // inside a wrapped coroutine, the resumer under pcall
        "pcall(coroutine.wrap(function() ctx.send('slow', 1) ctx.do_send('witness', 'in') end)) "
                + "ctx.do_send('witness', 'after')"})
    void anAbandonedHandlerSendsNothingAfterItsCallerWasTold(String handler) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowReturned = new AtomicInteger();
        List<LuaMessage> witnessed = new CopyOnWriteArrayList<>();
        LuaActorSystem system = LuaActorSystem.builder().shutdownTimeout(Duration.ofMillis(300)).build();
        system.addRecipient("slow", msg -> {
            release.await(60, TimeUnit.SECONDS);
            slowReturned.incrementAndGet();
            return LuaMessage.NIL;
        });
        system.addRecipient("witness", msg -> {
            witnessed.add(msg);
            return LuaMessage.NIL;
        });
        LuaActorRef actor = LuaActorBuilder.create().name("abandoned").askTimeout(Duration.ofMinutes(2))
                .onHandle(handler).start(system);
        CompletableFuture<LuaMessage> reply = actor.send(LuaMessage.NIL);
        await().atMost(Duration.ofSeconds(60)).until(() -> actor.statistics().suspended() == 1);
        system.stopAll(Duration.ofMillis(300));
        Throwable failure = IsolationSupport.failureOf(reply);
        assertThat(failure).isInstanceOf(ActorStoppedException.class);
        release.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> slowReturned.get() == 1);
        // The abandoned thread wakes once the reply is in; give it ample time to do (wrongly) what it would do.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(witnessed::isEmpty);
        // And the actor did finish stopping: nothing it held waits for the abandoned handler.
        await().atMost(Duration.ofSeconds(60)).until(() -> actor.whenTerminated().isDone());
        system.close();
    }

    @Test
    void aControlHandlerThatIsNotAbandonedDoesSend() {
        List<LuaMessage> witnessed = new CopyOnWriteArrayList<>();
        try (LuaActorSystem system = LuaActorSystem.create()) {
            system.addRecipient("slow", msg -> LuaMessage.NIL);
            system.addRecipient("witness", msg -> {
                witnessed.add(msg);
                return LuaMessage.NIL;
            });
            LuaActorRef actor = LuaActorBuilder.create().name("kept").onHandle("local co = coroutine.create("
                    + "function() pcall(ctx.send, 'slow', 1) ctx.do_send('witness', 'in') end) "
                    + "coroutine.resume(co) ctx.do_send('witness', 'after')").start(system);
            IsolationSupport.join(actor.send(LuaMessage.NIL));
            await().atMost(Duration.ofSeconds(60)).until(() -> witnessed.size() == 2);
            assertThat(witnessed).containsExactlyInAnyOrder(LuaMessage.from("in"), LuaMessage.from("after"));
        }
    }
}
