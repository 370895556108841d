package io.github.luaactor.test;

import static io.github.luaactor.test.LuaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.luaactor.core.ActorSettings;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaScriptException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Actors from files, resources and inline source, with the production sandbox; their state read as a message. */
class StateAndSpawnTest {

    @Test
    void stateIsReadAfterEverythingSentBefore() {
        try (LuaActorTestKit kit = LuaActorTestKit.create()) {
            LuaActorRef counter = kit.spawnSource("counter",
                    "ctx.state.count = (ctx.state.count or 0) + 1 ctx.state.last = ctx.msg");
            for (int i = 1; i <= 5; i++) {
                counter.doSend(LuaMessage.from("m" + i));
            }
            LuaMessage state = kit.state(counter);
            assertThat(state).isTable().containsEntry("count", 5).containsEntry("last", "m5");
            assertThat(LuaMessages.asMap(state)).containsEntry("count", 5L);
        }
    }

    @Test
    void aStateHoldingAFunctionFailsNamingTheActor() {
        try (LuaActorTestKit kit = LuaActorTestKit.create()) {
            LuaActorRef actor = kit.spawnSource("fn", "ctx.state.cb = function() end");
            actor.doSend(LuaMessage.NIL);
            assertThatThrownBy(() -> kit.state(actor))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("'fn'")
                    .hasMessageContaining("function");
        }
    }

    @Test
    void anActorStartedByCtxNewActorCanBeRead() {
        try (LuaActorTestKit kit = LuaActorTestKit.create(builder -> builder.scriptRoot("lua"))) {
            LuaActorRef parent = kit.spawnSource("parent", "return ctx.new_actor('debounce', 'child')");
            kit.probe("out");
            assertThat(kit.call(parent, 1)).hasValue("child");
            kit.system().actor("child").orElseThrow().doSend(LuaMessage.from("event"));
            assertThat(kit.state("child")).containsEntry("count", 1);
        }
    }

    @Test
    void scriptsFromFilesAndTheSandboxOfProduction(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("echo.lua");
        Files.writeString(script, "if ctx.msg == 'io' then return io.open('/etc/passwd') end return {got = ctx.msg}");
        try (LuaActorTestKit kit = LuaActorTestKit.create()) {
            LuaActorRef echo = kit.spawnScript("echo", script);
            assertThat(kit.call(echo, List.of(1, 2))).field("got").isList().asList().containsExactly(1L, 2L);
            assertThatThrownBy(() -> kit.call(echo, "io"))
                    .isInstanceOf(LuaScriptException.class)
                    .hasMessageContaining("echo.lua:1")
                    .hasMessageContaining("'io' is not available");
            assertThat(echo.scriptLocation()).isEqualTo(script.toString());
        }
    }

    @Test
    void aSyntaxErrorNamesTheChunkAndLine() {
        try (LuaActorTestKit kit = LuaActorTestKit.create()) {
            assertThatThrownBy(() -> kit.spawnSource("broken", "\nreturn +"))
                    .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                        assertThat(e.getMessage()).contains("broken.lua");
                        assertThat(e.line()).isEqualTo(2);
                    });
        }
    }

    @Test
    void aMissingResourceIsNamed() {
        try (LuaActorTestKit kit = LuaActorTestKit.create()) {
            assertThatThrownBy(() -> kit.spawnResource("x", "lua/nope.lua"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lua/nope.lua");
        }
    }

    @Test
    void theBuilderCustomizerSetsTheSystemDefaults() {
        try (LuaActorTestKit kit = LuaActorTestKit.create(
                builder -> builder.defaults(ActorSettings.defaults().withInstructionLimit(1_000)))) {
            LuaActorRef spinner = kit.spawnSource("spinner", "while true do end");
            assertThatThrownBy(() -> kit.call(spinner, 1)).hasMessageContaining("instruction");
        }
    }

    @Test
    void closingTheKitClosesItsSystem() {
        LuaActorTestKit kit = LuaActorTestKit.create();
        LuaActorRef actor = kit.spawnSource("a", "return 1");
        kit.close();
        assertThat(actor.isAlive()).isFalse();
    }

    @Test
    void anAttachedKitStopsOnlyWhatItStartedAndRemovesItsRecipients() {
        try (LuaActorTestKit owner = LuaActorTestKit.create()) {
            LuaActorRef kept = owner.spawnSource("kept", "return 1");
            LuaActorTestKit attached = LuaActorTestKit.attach(owner.system(), owner.timers());
            LuaActorRef mine = attached.spawnSource("mine", "return 2");
            attached.probe("p");
            attached.close();
            assertThat(mine.isAlive()).isFalse();
            assertThat(kept.isAlive()).isTrue();
            assertThat(owner.system().removeRecipient("p")).isFalse();
        }
    }
}
