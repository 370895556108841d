package io.github.luaactor.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.luaactor.core.LuaActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** @LuaActorTest: one fresh kit per test, the same in @BeforeEach and the test, closed after the test. */
@LuaActorTest
class LuaActorTestExtensionTest {
    private static final List<LuaActorTestKit> SEEN = new CopyOnWriteArrayList<>();
    private static final List<LuaActorRef> ACTORS = new CopyOnWriteArrayList<>();

    private LuaActorTestKit fromBeforeEach;

    @BeforeEach
    void startAnActor(LuaActorTestKit kit) {
        fromBeforeEach = kit;
        ACTORS.add(kit.spawnSource("greeter", "return 'hello ' .. ctx.msg"));
    }

    @Test
    void theTestGetsTheKitOfItsBeforeEach(LuaActorTestKit kit) {
        SEEN.add(kit);
        assertThat(kit).isSameAs(fromBeforeEach);
        assertThat(kit.call(kit.system().actor("greeter").orElseThrow(), "lua").toJava()).isEqualTo("hello lua");
    }

    @Test
    void eachTestGetsItsOwnKit(LuaActorTestKit kit) {
        SEEN.add(kit);
        // The other test's greeter would make this name taken if kits were shared.
        assertThat(kit.system().actors()).hasSize(1);
    }

    @AfterAll
    static void everyKitWasFreshAndIsClosed() {
        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
        assertThat(ACTORS).hasSize(2).noneMatch(LuaActorRef::isAlive);
    }
}
