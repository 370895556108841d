package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@code call(msg, timeout)} honours its timeout even when the handler runs on the caller's thread: the handler is
 * stopped at the caller's deadline, the caller gets {@link ReplyTimeoutException}, and the actor goes on.
 */
class CallerTimeoutTest extends ActorTestSupport {
    /** Far beyond the call's timeout: returning before it shows the caller's deadline stopped the handler. */
    private static final Duration HANDLER_TIMEOUT = Duration.ofSeconds(30);

    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder()
                .customizer(LuaVmCustomizer.function("thread", () -> Thread.currentThread().getName())).build();
    }

    /**
     * Calls until a handler has run on this thread: the actor is then idle (a handler run here gives the VM back
     * before the call returns), so the next call from this thread runs here too. Just after the start, or a reply
     * from the actor's own thread, the VM may still be held for a moment and the call queued.
     */
    private static void untilIdle(LuaActorRef actor) {
        String here = Thread.currentThread().getName();
        for (int i = 0; i < 1000; i++) {
            if (here.equals(actor.call(LuaMessage.from("where"), Duration.ofSeconds(30)).toJava())) {
                return;
            }
        }
        throw new AssertionError("no call ran on the caller's thread");
    }

    @Test
    void aCallReturnsAtItsTimeoutAlthoughTheHandlerWouldRunLonger() {
        LuaActorRef busy = LuaActorBuilder.create().name("busy").instructionLimit(0).handlerTimeout(HANDLER_TIMEOUT)
                .onFailure(FailurePolicy.RESTART).onHandle("""
                        if ctx.msg == 'ping' then return 'pong' end
                        if ctx.msg == 'where' then return thread() end
                        ctx.state.started = (ctx.state.started or 0) + 1
                        while true do end""").start(system);
        untilIdle(busy);
        long start = System.nanoTime();

        Throwable thrown = catchThrowable(() -> busy.call(LuaMessage.from("loop"), Duration.ofSeconds(1)));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(thrown).isExactlyInstanceOf(ReplyTimeoutException.class)
                .hasMessageContaining("'busy'").hasMessageContaining("1000 ms");
        assertThat(took).as("returned near its 1 s timeout, not at the handler timeout")
                .isLessThan(HANDLER_TIMEOUT.dividedBy(2));
        assertThat(busy.isAlive()).isTrue();
        assertThat(busy.call(LuaMessage.from("ping"), Duration.ofSeconds(30))).isEqualTo(LuaMessage.from("pong"));
        // The caller's impatience is no failure of the script: no restart under on-failure restart.
        assertThat(busy.statistics().restarts()).isZero();
        assertThat(busy.statistics().failed()).isEqualTo(1);
    }

    @Test
    void aHandlerThatCatchesTheTimeoutOfItsCtxSendIsStillStoppedAtTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        system.addRecipient("slow", msg -> {
            never.await(60, TimeUnit.SECONDS);
            return msg;
        });
        LuaActorRef busy = LuaActorBuilder.create().name("busy").instructionLimit(0).handlerTimeout(HANDLER_TIMEOUT)
                .askTimeout(Duration.ofMinutes(1)).onHandle("""
                        if ctx.msg == 'where' then return thread() end
                        pcall(ctx.send, 'slow', 'x')
                        while true do end""").start(system);
        untilIdle(busy);
        long start = System.nanoTime();

        Throwable thrown = catchThrowable(() -> busy.call(LuaMessage.from("go"), Duration.ofSeconds(1)));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        never.countDown();
        assertThat(thrown).isExactlyInstanceOf(ReplyTimeoutException.class);
        assertThat(took).isLessThan(HANDLER_TIMEOUT.dividedBy(2));
        assertThat(busy.isAlive()).isTrue();
    }

    @Test
    void aCallWhoseTimeoutIsLongerThanTheHandlerTimeoutStillSeesTheBudgetFailure() {
        LuaActorRef busy = LuaActorBuilder.create().name("busy").instructionLimit(0)
                .handlerTimeout(Duration.ofMillis(200)).onHandle("while true do end").start(system);

        Throwable thrown = catchThrowable(() -> busy.call(LuaMessage.from("go"), Duration.ofSeconds(60)));

        assertThat(thrown).isInstanceOf(BudgetExceededException.class);
        assertThat(((BudgetExceededException) thrown).budget()).isEqualTo(BudgetExceededException.Budget.TIME);
    }
}
