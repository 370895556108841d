package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: compiled first, swapped between messages, state kept, nothing lost or handled twice. */
class ReloadTest extends ActorTestSupport {

    @Test
    void reloadSwapsTheHandlerAndKeepsState() {
        LuaActorRef actor = actor("versioned", "ctx.state.n = (ctx.state.n or 0) + 1 return 'v1:' .. ctx.state.n");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("v1:1"));
        join(actor.reload("ctx.state.n = (ctx.state.n or 0) + 1 return 'v2:' .. ctx.state.n"));
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("v2:2"));
    }

    @Test
    void syntaxErrorKeepsTheOldScript() {
        LuaActorRef actor = actor("stable", "return 'old'");
        assertThatThrownBy(() -> actor.reload("return 'new' +"))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.actor()).isEqualTo("stable");
                    assertThat(e.line()).isEqualTo(1);
                });
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("old"));
    }

    @Test
    void onReloadMigratesState() {
        LuaActorRef actor = LuaActorBuilder.create().name("migrating")
                .onHandle("ctx.state.count = (ctx.state.count or 0) + 1 return ctx.state.count")
                .onReload("ctx.state.total = ctx.state.count")
                .start(system);
        ask(actor, 1);
        ask(actor, 1);
        join(actor.reload("ctx.state.total = ctx.state.total + 10 return ctx.state.total"));
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(12));
    }

    @Test
    void reloadFromFile(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("worker.lua");
        Files.writeString(script, "return 'from file'");
        LuaActorRef actor = actor("filed", "return 'inline'");
        join(actor.reloadFile(script));
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("from file"));
        assertThat(actor.scriptLocation()).isEqualTo(script.toString());
    }

    @Test
    void noQueuedMessageIsLostOrHandledTwiceAcrossReloads() {
        LuaActorRef actor = LuaActorBuilder.create().name("busy").mailboxCapacity(0)
                .onHandle("ctx.state.seen = (ctx.state.seen or 0) + 1 return 1").start(system);
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        for (int round = 2; round <= 6; round++) {
            for (int i = 0; i < 2_000; i++) {
                replies.add(actor.send(LuaMessage.from(i)));
            }
            actor.reload("ctx.state.seen = (ctx.state.seen or 0) + 1 return " + round);
        }
        long sum = 0;
        for (CompletableFuture<LuaMessage> reply : replies) {
            sum += ((LuaMessage.Int) join(reply)).value();
        }
        // Messages queued before the n-th reload ran on version n: each reply is its batch's version.
        assertThat(sum).isEqualTo(2_000L * (1 + 2 + 3 + 4 + 5));
        assertThat(ask(actor, "count")).isEqualTo(LuaMessage.from(6));
        assertThat(actor.statistics().processed()).isEqualTo(10_001);
    }

    @Test
    void customizersAreReappliedAfterReload() {
        List<String> applied = new ArrayList<>();
        LuaActorRef actor = LuaActorBuilder.create().name("customized")
                .customizer(globals -> {
                    applied.add(globals.actorName());
                    globals.set("version", LuaMessage.from(applied.size()));
                })
                .onHandle("return version").start(system);
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(1));
        join(actor.reload("return version * 10"));
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(20));
        assertThat(applied).containsExactly("customized", "customized");
    }

    @Test
    void checkSyntaxNamesChunkAndLineWithoutRunningTheScript() {
        LuaScript.of("ok.lua", "error('never run')").checkSyntax("tool");
        assertThatThrownBy(() -> LuaScript.of("bad.lua", "local x = 1\nreturn x ..").checkSyntax("tool"))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.chunk()).isEqualTo("bad.lua");
                    assertThat(e.line()).isEqualTo(2);
                });
        assertThatThrownBy(() -> LuaScript.of("bin.lua", "\u001bLua").checkSyntax("tool"))
                .isInstanceOf(LuaScriptException.class).hasMessageContaining("binary chunks");
    }
}
