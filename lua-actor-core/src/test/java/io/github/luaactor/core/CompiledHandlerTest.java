package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Straight-line handlers run as JVM bytecode: every case runs on a system that compiles them and on one that
 * interprets everything, and must answer the same, errors (class, chunk, line, message) included.
 */
class CompiledHandlerTest {
    /** Actors whose handler ran with a compiled handler frame on the stack when it called {@code note()}. */
    private final Set<String> ranCompiled = ConcurrentHashMap.newKeySet();

    private LuaActorSystem system(boolean compile) {
        LuaActorSystem system = LuaActorSystem.builder().compileHandlers(compile)
                .customizer(globals -> {
                    String actor = globals.actorName();
                    globals.function("note", args -> {
                        if (StackWalker.getInstance().walk(frames -> frames
                                .anyMatch(f -> f.getClassName().startsWith("lua_actor_handler_")))) {
                            ranCompiled.add(actor);
                        }
                        return null;
                    });
                })
                .build();
        system.addRecipient("twice", message -> LuaMessage.from(((LuaMessage.Int) message).value() * 2));
        return system;
    }

    static Stream<Arguments> straightLineHandlers() {
        return Stream.of(
                Arguments.of("arith", "local a = ctx.msg\nreturn {a + 1, a - 1, a * 2, a / 2, a % 3, a ^ 2, -a}",
                        List.of(3, 2.5, -7)),
                Arguments.of("compare", "local a = ctx.msg\nreturn {a < 3, a <= 3, a == 3, a ~= 3, not a, a and 1 or 2}",
                        List.of(2, 3, 4)),
                Arguments.of("branches", "if ctx.msg > 2 then return 'big'\nelseif ctx.msg > 1 then return 'mid'\n"
                        + "else return 'small' end", List.of(1, 2, 3)),
                Arguments.of("state", "ctx.state.n = (ctx.state.n or 0) + ctx.msg\nreturn ctx.state.n",
                        List.of(1, 2, 3)),
                Arguments.of("globals", "count = (count or 0) + 1\nreturn count", List.of(0, 0, 0)),
                Arguments.of("tables", "local t = {1, 2, 3, x = ctx.msg}\nt[4] = 5\nt.y = {z = t.x}\n"
                        + "return {#t, t.x, t[4], t.y.z, select('#', 1, 2, 3), select(2, 'a', 'b', 'c')}",
                        List.of("v")),
                Arguments.of("multiple returns", "return {string.byte('abc', 1, -1)}", List.of(0)),
                Arguments.of("table message", "return ctx.msg.b[2] + ctx.msg.a",
                        List.of(Map.of("a", 1, "b", List.of(2, 3)))),
                Arguments.of("strings", "local s = ctx.msg\nreturn {#s, s:upper(), s:sub(2), string.format('%5s', s)}",
                        List.of("abc")),
                Arguments.of("tail call", "return tostring(ctx.msg)", List.of(1, true)),
                Arguments.of("forward goto", "if ctx.msg then goto done end\nctx.state.x = 1\n::done::\n"
                        + "return ctx.state.x", List.of(false, true)),
                Arguments.of("varargs", "return select('#', ...)", List.of(1)),
                Arguments.of("vararg table", "local t = {...}\nreturn #t", List.of(1)),
                Arguments.of("method calls", "local s = ctx.msg\nlocal a, b = s:find('b')\nreturn {a, b, s:rep(2, '-')}",
                        List.of("abc")),
                Arguments.of("multiple assignment", "local a, b, c = ctx.msg, 2\na, b = b, a\n"
                        + "local x, y = string.byte('xy', 1, 2)\nreturn {a, b, c == nil, x, y}", List.of(1)),
                Arguments.of("long constructor", "local t = {" + "1, ".repeat(120) + "ctx.msg}\nreturn {#t, t[121]}",
                        List.of(9)),
                Arguments.of("string comparisons", "local a = ctx.msg\nreturn {a < 'm', a == 'abc', a >= 'abc', #a}",
                        List.of("abc", "zz")),
                Arguments.of("and or chains", "local a = ctx.msg\nlocal r = a and a > 1 and 'big' or a == 1 and 'one'"
                        + " or 'other'\nreturn r", List.of(0, 1, 2)),
                Arguments.of("nested state", "local s = ctx.state\ns.list = s.list or {}\ns.list[#s.list + 1] = ctx.msg\n"
                        + "s.last = s.list[#s.list]\nreturn {#s.list, s.last}", List.of("a", "b")),
                Arguments.of("do_send and notify", "if ctx.msg == 'again' then return 'done' end\n"
                        + "ctx.do_send('twice', 1)\nctx.notify('again')\nreturn 'sent'", List.of("go")),
                Arguments.of("pcall", "local ok, e = pcall(error, {code = ctx.msg})\nreturn {ok, e.code}", List.of(7)),
                Arguments.of("send", "local r = ctx.send('twice', ctx.msg)\nreturn r + 1", List.of(20)),
                Arguments.of("arith error", "local x = 1\nreturn ctx.msg + nil", List.of(1)),
                Arguments.of("index error", "local t = nil\n\nreturn t.x", List.of(1)),
                Arguments.of("error call", "local x = 1\nerror('boom')", List.of(1)),
                Arguments.of("error table", "\nerror({code = 1})", List.of(1)),
                Arguments.of("library error", "local x = 1\nlocal s = string.rep()\nreturn s", List.of(1)),
                Arguments.of("tail call error", "local x = 1\nreturn string.rep()", List.of(1)),
                Arguments.of("unknown recipient", "\nreturn ctx.send('nobody', 1) + 1", List.of(1)),
                Arguments.of("call nil", "local f\nf()", List.of(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("straightLineHandlers")
    void aCompiledHandlerAnswersAsTheInterpreterDoes(String name, String script, List<Object> messages) {
        String actor = name.replace(' ', '-');
        List<String> interpreted = outcomes(false, actor, script, messages);
        assertThat(ranCompiled).isEmpty();
        List<String> compiled = outcomes(true, actor, script, messages);
        assertThat(ranCompiled).as("the handler ran compiled").containsExactly(actor);
        assertThat(compiled).isEqualTo(interpreted);
    }

    @Test
    void aHandlerWithALoopAClosureOrAConcatenationStaysInterpreted() {
        try (LuaActorSystem system = system(true)) {
            for (String script : List.of("note() for i = 1, 2 do end", "note() while false do end",
                    "note() local f = function() end", "note() return 'a' .. ctx.msg",
                    "note() ::top:: if ctx.msg == 1 then goto top end", "note() if ctx.msg then return tostring(1) end return tostring(2)")) {
                LuaActorRef actor = LuaActorBuilder.create().onHandle(script).start(system);
                assertThat(outcome(actor, "x")).doesNotStartWith("error");
            }
            LuaActorRef straight = LuaActorBuilder.create().name("straight").onHandle("note()").start(system);
            assertThat(outcome(straight, "x")).isEqualTo("ok:" + LuaMessage.NIL);
        }
        assertThat(ranCompiled).containsExactly("straight");
    }

    @Test
    void aCompiledHandlerIsChargedItsLengthAgainstTheInstructionLimit() {
        try (LuaActorSystem system = system(true)) {
            LuaActorRef tight = LuaActorBuilder.create().name("tight").instructionLimit(3)
                    .onHandle("note()\nlocal a, b, c = 1, 2, 3\nreturn a + b + c").start(system);
            assertThat(outcome(tight, 1)).startsWith("error:BudgetExceededException|tight.handle:1|");
            LuaActorRef enough = LuaActorBuilder.create().name("enough").instructionLimit(20)
                    .onHandle("note()\nlocal a, b, c = 1, 2, 3\nreturn a + b + c").start(system);
            assertThat(outcome(enough, 1)).isEqualTo("ok:" + LuaMessage.from(6));
        }
    }

    @Test
    void aBudgetExceededInACalledFunctionNamesTheCompiledLine() {
        try (LuaActorSystem system = system(true)) {
            LuaActorRef matcher = LuaActorBuilder.create().name("matcher").instructionLimit(0)
                    .handlerTimeout(Duration.ofMillis(100))
                    .onHandle("note()\nlocal r = string.find(('a'):rep(800), '.-.-.-b')\nreturn r").start(system);
            assertThat(outcome(matcher, 1)).startsWith("error:BudgetExceededException|matcher.handle:2|");
        }
        assertThat(ranCompiled).containsExactly("matcher");
    }

    @Test
    void aReloadedHandlerIsCompiledToo() throws Exception {
        try (LuaActorSystem system = system(true)) {
            LuaActorRef actor = LuaActorBuilder.create().name("reloaded").onHandle("for i = 1, 1 do end return 1")
                    .start(system);
            assertThat(outcome(actor, 0)).isEqualTo("ok:" + LuaMessage.from(1));
            assertThat(ranCompiled).isEmpty();
            actor.reload("note() return 2").get(10, TimeUnit.SECONDS);
            assertThat(outcome(actor, 0)).isEqualTo("ok:" + LuaMessage.from(2));
        }
        assertThat(ranCompiled).containsExactly("reloaded");
    }

    /** {@code table: 1b6d3586} differs between two runs of the same script. */
    private static String withoutIdentities(String text) {
        return text == null ? null : text.replaceAll("table: [0-9a-f]+", "table: <id>");
    }

    private List<String> outcomes(boolean compile, String actorName, String script, List<Object> messages) {
        try (LuaActorSystem system = system(compile)) {
            LuaActorRef actor = LuaActorBuilder.create().name(actorName).onHandle("note() " + script).start(system);
            List<String> outcomes = new ArrayList<>();
            for (Object message : messages) {
                outcomes.add(outcome(actor, message));
            }
            return outcomes;
        }
    }

    private static String outcome(LuaActorRef actor, Object message) {
        try {
            return "ok:" + actor.send(LuaMessage.from(message)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return switch (cause) {
                case LuaScriptException s -> "error:" + s.getClass().getSimpleName() + "|" + s.chunk() + ":"
                        + s.line() + "|" + withoutIdentities(s.luaMessage()) + "|" + withoutIdentities(s.luaTraceback());
                case BudgetExceededException b -> "error:" + b.getClass().getSimpleName() + "|" + b.chunk() + ":"
                        + b.line() + "|" + b.getMessage();
                default -> "error:" + cause.getClass().getSimpleName() + "|" + cause.getMessage();
            };
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
