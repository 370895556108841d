package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code load} and {@code json.decode} loop in Java over their text: that work is charged to the handler's budget
 * (one instruction per 64 bytes), so a handler made of such calls, with no Lua loop to count, is stopped by its
 * budget at the call that passes it, and its clock is read as often. Deterministic through the instruction limit;
 * the handler timeout reads the same count. {@link InterpretedLibraryWorkBudgetTest} runs it interpreted.
 */
class LibraryWorkBudgetTest extends ActorTestSupport {
    private static final long LIMIT = 20_000;

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("json.decode", "local d = require('json').decode local s = '[' .. ('1,'):rep(2^16) .. '1]'"),
                Arguments.of("load", "local d = load local s = 'return ' .. ('1+'):rep(2^16) .. '1'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void straightLineCallsOfALibraryLoopAreStoppedByTheBudget(String function, String setUp) {
        // each call of a 128 KiB text is charged 2,048 instructions: the 10th of 20 passes the limit
        String handler = setUp + "\n" + "d(s)\n".repeat(20) + "return 'done'";
        LuaActorRef actor = LuaActorBuilder.create().name("worker").instructionLimit(LIMIT).onHandle(handler)
                .start(system);
        CompletableFuture<LuaMessage> reply = actor.send(LuaMessage.from(1));
        Throwable failure = failureOf(reply);
        assertThat(failure).isInstanceOf(BudgetExceededException.class).hasMessageContaining("worker")
                .hasMessageContaining("instruction limit of " + LIMIT);
        assertThat(((BudgetExceededException) failure).line()).isBetween(7, 13);
        assertThat(actor.isAlive()).isTrue();
    }
}
