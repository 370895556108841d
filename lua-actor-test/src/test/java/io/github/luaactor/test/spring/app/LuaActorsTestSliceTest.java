package io.github.luaactor.test.spring.app;

import static io.github.luaactor.test.LuaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.test.LuaActorTestKit;
import io.github.luaactor.test.LuaTestProbe;
import io.github.luaactor.test.spring.LuaActorsTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;

/** @LuaActorsTest: the actors, their recipients, customizers and properties, a kit on virtual time; nothing else. */
@LuaActorsTest(properties = "lua-actor.actors.welcome.mailbox-capacity=7")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LuaActorsTestSliceTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    LuaActorTestKit kit;

    @Autowired
    @Qualifier("welcome")
    LuaActorRef welcome;

    @Autowired
    @Qualifier("reminder")
    LuaActorRef reminder;

    @Test
    void actorsReachTheirRecipientsAndCustomizersWithTheApplicationsProperties() {
        assertThat(kit.call(welcome, "Ada")).hasValue("Welcome: hello Ada");
        assertThat(welcome.statistics().mailboxCapacity()).isEqualTo(7);
    }

    @Test
    void onlyTheLuaBeansAreInTheContext() {
        assertThat(context.getBeanNamesForType(Greetings.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(SliceGlobals.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(SliceProperties.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(ReportService.class)).isEmpty();
    }

    @Test
    @Order(2)
    void timersRunOnTheKitsVirtualClock() {
        LuaTestProbe bell = kit.probe("bell");
        assertThat(kit.call(reminder, "arm")).hasValue("armed");
        kit.advanceTime(Duration.ofMinutes(59));
        bell.expectNoMessage(Duration.ZERO);
        kit.advanceTime(Duration.ofMinutes(1));
        bell.expectMessage("ring", Duration.ofSeconds(30));
    }

    @Test
    @Order(1)
    void whatATestRegistersThroughTheKitIsGoneInTheNext() {
        LuaActorRef extra = kit.spawnSource("extra", "return 1");
        kit.probe("bell");
        kit.reset();
        assertThat(extra.isAlive()).isFalse();
        assertThat(kit.system().removeRecipient("bell")).isFalse();
        // Left registered: the listener resets the kit after this test, or the next test (Order 2) finds "bell" taken.
        kit.probe("bell");
    }
}
