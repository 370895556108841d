package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The JVM-wide heap guard, with a threshold so low that the heap in use after any collection passes it: new
 * messages are refused with a clear error and the actor holding the most is stopped, its failure recorded. The
 * real threshold (0.9) cannot be reached in a test without filling the fork's heap.
 *
 * <p>The actors get their state under the default threshold; only then does a second system arm the low one (the
 * system built last sets the JVM's threshold). Arming it first would let any collection the JVM runs on its own,
 * before the first replies, refuse them.
 */
class HeapGuardTest extends ActorTestSupport {

    @Test
    void aNearlyFullHeapRefusesNewWorkAndStopsTheLargestActor() {
        LuaActorRef big = actor("big", "ctx.state.t = {} for i = 1, 64 do ctx.state.t[i] = ('x'):rep(2^14) .. i end "
                + "return #ctx.state.t");
        LuaActorRef small = actor("small", "ctx.state.n = 1 return 'small'");
        assertThat(ask(big, 1)).isEqualTo(LuaMessage.from(64));
        assertThat(ask(small, 1)).isEqualTo(LuaMessage.from("small"));
        try (LuaActorSystem lowThreshold = LuaActorSystem.builder().heapGuardThreshold(0.0001).build()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                System.gc();
                assertThat(big.isAlive()).isFalse();
            });
            assertThat(big.statistics().lastError().message()).contains("heap guard", "big");
            // send reports the refusal through its future, doSend throws it
            Throwable refused = failureOf(small.send(LuaMessage.from(2)));
            assertThat(catchThrowable(() -> small.doSend(LuaMessage.from(3))))
                    .isInstanceOf(MemoryLimitExceededException.class);
            assertThat(refused).isInstanceOf(MemoryLimitExceededException.class)
                    .hasMessageContaining("small").hasMessageContaining("heap is nearly full");
            assertThat(small.isAlive()).isTrue();
        }
    }
}
