package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code load} and {@code json.decode} loop in Java over their text: that work is charged to the handler's budget
 * (one instruction per 64 bytes), so a handler made of such calls, with no Lua loop to count, is stopped by its
 * budget at the call that passes it, and its clock is read as often. So are the copies of messages that cross
 * actors: what a handler passes to {@code ctx} (one instruction per value) and a large reply it receives. Deterministic through the instruction limit;
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

    static Stream<Arguments> copies() {
        return Stream.of(
                // 8,193 values copied a call (the table, 4,096 keys and values): the 3rd call passes the limit
                Arguments.of("ctx.do_send of a large table", "ctx.do_send('sink', m)", 2, 5),
                // a 4,096-entry reply is estimated at ~230 KB, charged as 3,600 instructions: the 6th passes it
                Arguments.of("ctx.send's large reply", "ctx.send('big', 1)", 5, 9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("copies")
    void copiesOfLargeMessagesAreChargedToTheBudget(String what, String call, int firstLine, int lastLine) {
        system.addRecipient("sink", msg -> LuaMessage.NIL);
        LuaActorBuilder.create().name("big")
                .onHandle("ctx.state.t = ctx.state.t or {} for i = 1, 4096 do ctx.state.t[i] = i end return ctx.state.t")
                .start(system);
        // the message is made into Lua values before the handler's budget starts: only the copies are charged
        String handler = "local m = ctx.msg\n" + (call + "\n").repeat(20) + "return 'done'";
        LuaActorRef actor = LuaActorBuilder.create().name("copier").instructionLimit(LIMIT).onHandle(handler)
                .start(system);
        List<Object> large = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            large.add(i);
        }
        Throwable failure = failureOf(actor.send(LuaMessage.from(large)));
        assertThat(failure).as(what).isInstanceOf(BudgetExceededException.class).hasMessageContaining("copier")
                .hasMessageContaining("instruction limit of " + LIMIT);
        assertThat(((BudgetExceededException) failure).line()).isBetween(firstLine, lastLine);
        assertThat(actor.isAlive()).isTrue();
    }
}
