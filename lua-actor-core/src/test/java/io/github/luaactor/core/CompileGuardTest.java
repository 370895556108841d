package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiling untrusted source ends: LuaJ's lexer looped for ever on a chunk that ends inside a string right after a
 * {@code \z} escape. Now such a chunk is a syntax error wherever source is compiled: an actor's script, a reload,
 * {@code load}, {@link LuaScript#checkSyntax}. Each test has a timeout, as the failure it guards against is a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompileGuardTest extends ActorTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"return 'a\\z", "return 'a\\z   ", "return \"\\z\n\n", "x = '\\z\t\r\n "})
    void checkSyntaxRejectsAStringEndingInZ(String source) {
        Throwable thrown = catchThrowable(() -> LuaScript.of("hostile", source).checkSyntax("checker"));
        assertThat(thrown).isInstanceOf(LuaScriptException.class).hasMessageContaining("unfinished string")
                .hasMessageContaining("hostile");
    }

    @Test
    void anActorWithSuchAScriptFailsToStartWithASyntaxError() {
        Throwable thrown = catchThrowable(() -> LuaActorBuilder.create().name("hostile").onHandle("return 'a\\z  ")
                .start(system));
        assertThat(thrown).isInstanceOf(LuaScriptException.class).hasMessageContaining("unfinished string");
    }

    @Test
    void loadReturnsTheErrorAndTheCarrierIsFree() {
        LuaActorRef loader = actor("loader", "local f, err = load(ctx.msg) return err");
        LuaActorRef neighbour = actor("neighbour", "return 'alive'");
        @SuppressWarnings("unchecked")
        CompletableFuture<LuaMessage>[] replies = new CompletableFuture[4];
        for (int i = 0; i < replies.length; i++) {
            replies[i] = loader.send(LuaMessage.from("return 'x\\z  "));
        }
        for (CompletableFuture<LuaMessage> reply : replies) {
            assertThat(join(reply).toJava().toString()).contains("unfinished string");
        }
        assertThat(neighbour.call(LuaMessage.NIL, Duration.ofSeconds(30))).isEqualTo(LuaMessage.from("alive"));
    }

    @Test
    void aReloadWithSuchASourceIsRefusedAndTheOldHandlerStays() {
        LuaActorRef actor = actor("reloaded", "return 'old'");
        Throwable thrown = catchThrowable(() -> join(actor.reload("return 'new\\z")));
        assertThat(thrown).hasStackTraceContaining("unfinished string");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("old"));
    }

    @Test
    void zEscapesThatEndInsideTheirStringStillWork() {
        LuaActorRef actor = actor("z", "return 'a\\z\n     b'");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from("ab"));
    }
}
