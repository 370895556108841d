package io.github.luaactor.test;

import static io.github.luaactor.test.LuaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ctx.notify_later on the kit's virtual clock: timers fire on advanceTime, in time order, and only then. */
class VirtualTimeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final LuaActorTestKit kit = LuaActorTestKit.create();

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aFiveMinuteDebounceFiresOnlyWhenTheClockHasMovedFiveMinutes() {
        LuaTestProbe out = kit.probe("out");
        LuaActorRef debounce = kit.spawnResource("debounce", "lua/debounce.lua");
        for (int i = 0; i < 3; i++) {
            debounce.doSend(LuaMessage.from("event"));
        }
        kit.advanceTime(Duration.ofSeconds(299));
        out.expectNoMessage(Duration.ZERO);
        assertThat(kit.state(debounce)).containsEntry("count", 3);

        kit.advanceTime(Duration.ofSeconds(1));
        assertThat(out.expectMessage(WAIT)).containsEntry("events", 3);
        assertThat(kit.elapsed()).isEqualTo(Duration.ofMinutes(5));
        assertThat(kit.timers().pendingTimers()).isZero();
    }

    @Test
    void aLaterEventRestartsTheQuietPeriod() {
        LuaTestProbe out = kit.probe("out");
        LuaActorRef debounce = kit.spawnResource("debounce", "lua/debounce.lua");
        debounce.doSend(LuaMessage.from("event"));
        kit.advanceTime(Duration.ofMinutes(4));
        debounce.doSend(LuaMessage.from("event"));
        kit.advanceTime(Duration.ofMinutes(4));
        // The first timer fired at minute 5 but was stale; the second is due at minute 9.
        out.expectNoMessage(Duration.ZERO);
        kit.advanceTime(Duration.ofMinutes(1));
        out.expectMessage(LuaMessage.table("events", 2), WAIT);
        out.expectNoMessage(Duration.ZERO);
    }

    @Test
    void timersSetWhileAdvancingFireInTheSameAdvanceInTimeOrder() {
        LuaTestProbe ticks = kit.probe("ticks");
        kit.spawn(LuaActorBuilder.create().name("ticker")
                .onStarted("ctx.notify_later('tick', 10)")
                .onHandle("ctx.state.n = (ctx.state.n or 0) + 1 ctx.do_send('ticks', ctx.state.n) "
                        + "ctx.notify_later('tick', 10)"));
        kit.advanceTime(Duration.ofSeconds(35));
        assertThat(ticks.receivedMessages()).containsExactlyInAnyOrder(
                LuaMessage.from(1), LuaMessage.from(2), LuaMessage.from(3));
        assertThat(kit.state("ticker")).containsEntry("n", 3);
        kit.advanceTime(Duration.ofSeconds(5));
        assertThat(kit.state("ticker")).containsEntry("n", 4);
    }

    @Test
    void nothingFiresWithoutAdvancing() {
        kit.spawnSource("lonely", "if ctx.msg == 'arm' then ctx.notify_later('ring', 0) else ctx.state.rang = true end");
        kit.call(kit.system().actor("lonely").orElseThrow(), "arm");
        kit.awaitQuiet();
        assertThat(kit.state("lonely")).isEqualTo(LuaMessage.Table.EMPTY);
        kit.advanceTime(Duration.ZERO);
        assertThat(kit.state("lonely")).containsEntry("rang", true);
    }

    @Test
    void theClockFollowsVirtualTime() {
        Instant before = kit.clock().instant();
        kit.advanceTime(Duration.ofHours(2));
        assertThat(Duration.between(before, kit.clock().instant())).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void timeOnlyMovesForward() {
        assertThatThrownBy(() -> kit.advanceTime(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAttachedKitWithoutAVirtualClockRefusesToAdvance() {
        try (LuaActorTestKit attached = LuaActorTestKit.attach(kit.system(), null)) {
            assertThatThrownBy(() -> attached.advanceTime(Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("real clock");
        }
    }
}
