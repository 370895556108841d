package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Errors a {@code pcall} catches give Lua their value only, so compiled code lists no frames for them; the values
 * stay those of Lua 5.2, and an error that nothing catches still reaches Java with its position and traceback,
 * also after caught ones, also when raised in a coroutine resumed inside a {@code pcall} of the handler.
 */
class CaughtErrorTest extends ActorTestSupport {

    @Test
    void caughtErrorsKeepTheirValues() {
        LuaActorRef actor = actor("caught", """
                local function check(x)
                  if x < 0 then error('negative', 2) end
                  return x
                end
                local function index() local t = nil return t.x end
                local function nested() local v = check(-1) return v end
                local out = {}
                for i = 1, 3 do
                  out[#out + 1] = select(2, pcall(check, -1))
                  out[#out + 1] = select(2, pcall(index))
                  out[#out + 1] = select(2, pcall(nested))
                  out[#out + 1] = select(2, pcall(error, {code = i})).code
                  out[#out + 1] = select(2, pcall(function() pcall(error, 'inner') error('outer') end))
                end
                return table.concat(out, '|', 1, 5)""");
        assertThat(((LuaMessage.Str) ask(actor, 1)).value()).isEqualTo(
                "negative|caught.handle:5: attempt to index local 't' (a nil value)|caught.handle:6: negative|1"
                        + "|caught.handle:13: outer");
    }

    @Test
    void anUncaughtErrorAfterCaughtOnesHasItsTraceback() {
        LuaActorRef actor = actor("later", """
                local function fail(t)
                  return t.x
                end
                for i = 1, 3 do pcall(fail) pcall(error, 'x') end
                fail(nil)""");
        assertThat(failureOf(actor.send(LuaMessage.from(1))))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.chunk()).isEqualTo("later.handle");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.luaMessage()).isEqualTo("attempt to index local 't' (a nil value)");
                    assertThat(e.luaTraceback()).startsWith("stack traceback:").contains("later.handle:2")
                            .contains("later.handle:5");
                });
    }

    @Test
    void aCoroutineRaisingOutsideAnyPcallOfItsOwnGivesItsValueToTheResumer() {
        LuaActorRef actor = actor("resumed", """
                local co = coroutine.create(function() local t = nil return t.x end)
                local ok, ran, e = pcall(coroutine.resume, co)
                local wrapped = coroutine.wrap(function() error('in wrap') end)
                local ok2, e2 = pcall(wrapped)
                return tostring(ok) .. tostring(ran) .. '|' .. e .. '|' .. tostring(ok2) .. '|' .. e2""");
        assertThat(((LuaMessage.Str) ask(actor, 1)).value()).isEqualTo(
                "truefalse|resumed.handle:1: attempt to index local 't' (a nil value)|false|resumed.handle:3: in wrap");
    }

    @Test
    void anUncaughtErrorInAWrappedCoroutineHasItsPosition() {
        LuaActorRef actor = actor("wrapped", """
                pcall(error, 'first')
                local wrapped = coroutine.wrap(function()
                  error('in wrap')
                end)
                wrapped()""");
        assertThat(failureOf(actor.send(LuaMessage.from(1))))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.getMessage()).contains("wrapped.handle:3: in wrap");
                });
    }
}
