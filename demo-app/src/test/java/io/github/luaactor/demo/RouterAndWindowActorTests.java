package io.github.luaactor.demo;

import static io.github.luaactor.test.LuaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaScriptException;
import io.github.luaactor.core.LuaVmCustomizer;
import io.github.luaactor.test.LuaActorTestKit;
import io.github.luaactor.test.LuaTestProbe;
import io.github.luaactor.test.VirtualTimerScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's scripts (lua-actors/router.lua and window.lua) unit-tested with the test kit, without Spring: the same
 * globals as the app's customizer (now_ms() on the kit's virtual clock), the alerts recipient probed.
 */
class RouterAndWindowActorTests {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private LuaActorTestKit kit;
    private LuaTestProbe alerts;
    private LuaActorRef router;

    @BeforeEach
    void start() {
        VirtualTimerScheduler timers = new VirtualTimerScheduler();
        LuaVmCustomizer demoGlobals = globals -> {
            globals.function("now_ms", args -> timers.clock().millis());
            globals.set("ALERT_THRESHOLD", LuaMessage.from(90));
            globals.set("MAX_SENSORS", LuaMessage.from(2));
        };
        kit = LuaActorTestKit.create(timers, builder -> builder.scriptRoot("lua-actors").moduleRoot("lua-modules")
                .customizer(demoGlobals));
        alerts = kit.probe("alerts").replyWith(alert -> "alert-for-" + ((LuaMessage.Table) alert).get("sensor").toJava());
        router = kit.spawnResource("router", "lua-actors/router.lua");
    }

    @AfterEach
    void close() {
        kit.close();
    }

    private static LuaMessage event(String sensor, double value) {
        return LuaMessage.from(Map.of("sensor", sensor, "value", value));
    }

    @Test
    void theRouterStartsOneWindowPerSensorAndForwards() {
        assertThat(router.call(event("s-1", 10), WAIT)).hasValue("window-s-1");
        assertThat(router.call(event("s-1", 20), WAIT)).hasValue("window-s-1");
        assertThat(router.call(event("s-2", 5), WAIT)).hasValue("window-s-2");
        kit.awaitQuiet();
        assertThat(kit.call(router, "sensors")).asList().containsExactly("s-1", "s-2");
        assertThat(kit.state(router)).containsEntry("sensors", 2)
                .field("windows").containsEntry("s-1", "window-s-1");
        assertThat(kit.state("window-s-1")).containsEntry("sum", 30).containsEntry("last", 20);
    }

    @Test
    void theRouterRefusesMoreSensorsThanItsCap() {
        kit.call(router, event("a", 1));
        kit.call(router, event("b", 1));
        assertThatThrownBy(() -> kit.call(router, event("c", 1)))
                .isInstanceOf(LuaScriptException.class)
                .hasMessageContaining("router.lua")
                .hasMessageContaining("too many sensors");
    }

    @Test
    void anEventWithoutASensorIsRefusedWithTheRoutersLine() {
        assertThatThrownBy(() -> kit.call(router, Map.of("value", 1)))
                .isInstanceOf(LuaScriptException.class)
                .hasMessageContaining("router.lua")
                .hasMessageContaining("sensor must be a name");
    }

    @Test
    void aWindowAlertsOnceWhenAValueCrossesTheThresholdAndAgainAfterFallingBack() {
        LuaActorRef window = kit.system().actor(kit.call(router, event("hot", 50)).toJava().toString()).orElseThrow();
        window.call(event("hot", 95), WAIT);
        assertThat(alerts.expectMessage(WAIT)).containsEntry("sensor", "hot").containsEntry("value", 95)
                .containsEntry("threshold", 90).containsEntry("mean", 72.5);
        window.call(event("hot", 99), WAIT);
        kit.awaitQuiet();
        alerts.expectNoMessage(Duration.ZERO);
        window.call(event("hot", 10), WAIT);
        window.call(event("hot", 91), WAIT);
        alerts.expectMessage(WAIT);
        assertThat(kit.call(window, "stats")).containsEntry("alerts", 2).containsEntry("last_alert", "alert-for-hot");
    }

    @Test
    void aWindowForgetsValuesOlderThanAMinuteAsItTicks() {
        kit.call(router, event("t", 1));
        kit.call(router, event("t", 2));
        kit.advanceTime(Duration.ofSeconds(30));
        kit.call(router, event("t", 6));
        kit.awaitQuiet();
        assertThat(kit.state("window-t")).containsEntry("sum", 9);

        // The first two are 61 s old after this; the window's own ticks (every 0.5 s) let them go.
        kit.advanceTime(Duration.ofSeconds(31));
        assertThat(kit.state("window-t")).containsEntry("sum", 6).containsEntry("min", 6).containsEntry("max", 6);

        kit.advanceTime(Duration.ofSeconds(30));
        LuaMessage stats = kit.call(kit.system().actor("window-t").orElseThrow(), "stats");
        assertThat(stats).containsEntry("count", 0).doesNotContainKey("mean").doesNotContainKey("min");
        assertThat(kit.timers().pendingTimers()).isEqualTo(1);   // the next tick
    }
}
