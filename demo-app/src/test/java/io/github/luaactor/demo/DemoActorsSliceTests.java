package io.github.luaactor.demo;

import static io.github.luaactor.test.LuaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.test.LuaActorTestKit;
import io.github.luaactor.test.VirtualTimerScheduler;
import io.github.luaactor.test.spring.LuaActorsTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.web.context.WebApplicationContext;

/**
 * The demo's actors in the @LuaActorsTest slice: application.yml, the real AlertStore recipient and the app's
 * LuaVmCustomizer, with now_ms() on the kit's virtual clock; no web server, no controller, no event generator.
 */
@LuaActorsTest
class DemoActorsSliceTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class VirtualClock {
        @Bean
        @Primary
        Clock luaClock(VirtualTimerScheduler timers) {
            return timers.clock();
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    LuaActorTestKit kit;

    @Autowired
    @Qualifier("router")
    LuaActorRef router;

    @Autowired
    AlertStore alerts;

    @Test
    void onlyTheActorsTheirRecipientsAndPropertiesStart() {
        assertThat(context).isNotInstanceOf(WebApplicationContext.class);
        assertThat(context.getBeanNamesForType(DemoController.class)).isEmpty();
        assertThat(context.getBeanNamesForType(EventGenerator.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DemoProperties.class)).hasSize(1);
        assertThat(router.statistics().mailboxCapacity()).isEqualTo(5000);   // from application.yml
    }

    @Test
    void anEventAboveTheThresholdReachesTheAlertStoreAndTheWindowForgetsItAMinuteLater() {
        long before = alerts.total();
        assertThat(kit.call(router, Map.of("sensor", "slice-1", "value", 95))).hasValue("window-slice-1");
        kit.awaitQuiet();
        assertThat(alerts.total()).isEqualTo(before + 1);
        LuaActorRef window = kit.system().actor("window-slice-1").orElseThrow();
        assertThat(kit.call(window, "stats")).containsEntry("count", 1).containsEntry("alerts", 1);

        kit.advanceTime(Duration.ofSeconds(61));
        assertThat(kit.call(window, LuaMessage.from("stats"))).containsEntry("count", 0);
    }
}
