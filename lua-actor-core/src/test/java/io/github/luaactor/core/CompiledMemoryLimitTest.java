package io.github.luaactor.core;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory limit on compiled handlers: what globals and {@code ctx.state} hold is measured as in interpreted ones. */
class CompiledMemoryLimitTest extends ActorTestSupport {
    private static final long LIMIT = 4L * 1024 * 1024;

    @Test
    void stateThatGrowsPastTheLimitFailsAMessageAndTheActorLivesOn() {
        LuaActorRef hoarder = LuaActorBuilder.create().name("hoarder").instructionLimit(0)
                .settings(s -> s.withMemoryLimit(LIMIT).withOnFailure(FailurePolicy.RESUME)).onHandle("""
                        ctx.state.kept = ctx.state.kept or {}
                        local kept = ctx.state.kept
                        for i = 1, 4 do kept[#kept + 1] = ('x'):rep(2^14) .. #kept end
                        return #kept""").start(system);
        Throwable failure = null;
        for (int i = 0; i < 400 && failure == null; i++) {
            CompletableFuture<LuaMessage> reply = hoarder.send(LuaMessage.from("keep"));
            try {
                join(reply);
            } catch (AssertionError e) {
                failure = failureOf(reply);
            }
        }
        assertThat(failure).isInstanceOf(MemoryLimitExceededException.class).hasMessageContaining("hoarder")
                .hasMessageContaining("memory-limit");
        assertThat(((MemoryLimitExceededException) failure).limit()).isEqualTo(LIMIT);
        assertThat(hoarder.isAlive()).isTrue();
    }
}
