package io.github.luaactor.test.docs;

import static io.github.luaactor.test.LuaAssertions.assertThat;

import java.time.Duration;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.test.LuaActorTest;
import io.github.luaactor.test.LuaActorTestKit;
import io.github.luaactor.test.LuaTestProbe;
import org.junit.jupiter.api.Test;

/** The example of docs/testing.md (copied there word for word, checked by DocCodeBlocksTest). */
@LuaActorTest
class DebounceExampleTest {

    @Test
    void reportsOnceAfterFiveQuietMinutes(LuaActorTestKit kit) {
        LuaTestProbe out = kit.probe("out");
        LuaActorRef debounce = kit.spawnResource("debounce", "lua/debounce.lua");

        debounce.doSend(LuaMessage.from("event"));
        debounce.doSend(LuaMessage.from("event"));
        kit.advanceTime(Duration.ofMinutes(4));
        out.expectNoMessage(Duration.ZERO);
        assertThat(kit.state(debounce)).containsEntry("count", 2);

        kit.advanceTime(Duration.ofMinutes(1));
        out.expectMessage(LuaMessage.table("events", 2), Duration.ofSeconds(10));
    }

    @Test
    void stubsAJavaRecipient(LuaActorTestKit kit) {
        kit.recipient("prices", item -> LuaMessage.from(12.5));
        LuaActorRef cart = kit.spawnSource("cart", "return ctx.send('prices', ctx.msg) * 2");

        assertThat(kit.call(cart, "apple")).hasValue(25);
    }
}
