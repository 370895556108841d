package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Modules and the life-cycle hooks run compiled like the handler (issue 18: every handler compiled), with the same
 * results, errors and positions as interpreted: an error or an exceeded budget inside a module's function names the
 * module's chunk and line, not the handler's line that called it.
 */
class ModuleFidelityTest {
    @TempDir
    Path modules;

    private LuaActorSystem system(boolean compiled) throws Exception {
        Files.writeString(modules.resolve("calc.lua"), """
                local M = {}
                function M.sum(n)
                  local total = 0
                  for i = 1, n do total = total + i end
                  return total
                end
                function M.fail(why)
                  error('calc refused: ' .. why)
                end
                function M.spin()
                  while true do end
                end
                function M.index(t)
                  return t.missing.field
                end
                return M""");
        Files.writeString(modules.resolve("twin_a.lua"), "return {f = function() error('boom') end}");
        Files.writeString(modules.resolve("twin_b.lua"), "return {f = function() error('boom') end}");
        return LuaActorSystem.builder().compileHandlers(compiled).moduleRoot(modules).build();
    }

    private static Throwable failure(LuaActorRef actor, Object message) {
        Throwable thrown = catchThrowable(() -> actor.send(LuaMessage.from(message)).get(30, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    @ParameterizedTest(name = "compiled handlers: {0}")
    @ValueSource(booleans = {true, false})
    void moduleFunctionsGiveTheSameResultsAndPositions(boolean compiled) throws Exception {
        try (LuaActorSystem system = system(compiled)) {
            LuaActorRef user = LuaActorBuilder.create().name("user").instructionLimit(1_000_000).onHandle("""
                    local calc = require('calc')
                    if ctx.msg == 'sum' then return calc.sum(100) end
                    if ctx.msg == 'fail' then return calc.fail('no') end
                    if ctx.msg == 'index' then return calc.index({}) end
                    if ctx.msg == 'caught' then
                      local ok, err = pcall(calc.fail, 'inside pcall')
                      return err
                    end
                    calc.spin()""").start(system);
            assertThat(user.send(LuaMessage.from("sum")).get(30, TimeUnit.SECONDS)).isEqualTo(LuaMessage.from(5050));
            assertThat(user.send(LuaMessage.from("caught")).get(30, TimeUnit.SECONDS))
                    .isEqualTo(LuaMessage.from("calc.lua:8: calc refused: inside pcall"));

            Throwable fail = failure(user, "fail");
            assertThat(fail).isInstanceOf(LuaScriptException.class).hasMessageContaining("calc.lua:8");
            LuaScriptException failed = (LuaScriptException) fail;
            assertThat(failed.luaMessage()).isEqualTo("calc refused: no");
            assertThat(failed.chunk() + ":" + failed.line()).isEqualTo("calc.lua:8");

            Throwable index = failure(user, "index");
            assertThat(index).isInstanceOf(LuaScriptException.class);
            LuaScriptException indexed = (LuaScriptException) index;
            assertThat(indexed.luaMessage()).startsWith("attempt to index");
            assertThat(indexed.chunk() + ":" + indexed.line()).isEqualTo("calc.lua:14");

            Throwable spin = failure(user, "spin");
            assertThat(spin).isInstanceOf(BudgetExceededException.class);
            assertThat(((BudgetExceededException) spin).chunk()).isEqualTo("calc.lua");
            assertThat(((BudgetExceededException) spin).line()).isEqualTo(11);
        }
    }

    @ParameterizedTest(name = "compiled handlers: {0}")
    @ValueSource(booleans = {true, false})
    void modulesWithTheSameTextKeepTheirOwnNames(boolean compiled) throws Exception {
        try (LuaActorSystem system = system(compiled)) {
            LuaActorRef twins = LuaActorBuilder.create().name("twins").onHandle("""
                    local _, a = pcall(require('twin_a').f)
                    local _, b = pcall(require('twin_b').f)
                    return a .. ' / ' .. b""").start(system);
            assertThat(twins.send(LuaMessage.NIL).get(30, TimeUnit.SECONDS))
                    .isEqualTo(LuaMessage.from("twin_a.lua:1: boom / twin_b.lua:1: boom"));
        }
    }

    @ParameterizedTest(name = "compiled handlers: {0}")
    @ValueSource(booleans = {true, false})
    void hooksRunWithTheirOwnPositions(boolean compiled) throws Exception {
        try (LuaActorSystem system = system(compiled)) {
            LuaActorRef hooked = LuaActorBuilder.create().name("hooked")
                    .onStarted("ctx.state.started = require('calc').sum(10)")
                    .onHandle("return ctx.state.started").start(system);
            assertThat(hooked.send(LuaMessage.NIL).get(30, TimeUnit.SECONDS)).isEqualTo(LuaMessage.from(55));
        }
    }
}
