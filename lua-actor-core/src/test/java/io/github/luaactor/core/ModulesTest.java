package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shared modules through the sandbox's require, and the built-in json module. */
class ModulesTest extends ActorTestSupport {
    @TempDir
    Path modules;

    @Override
    protected LuaActorSystem newSystem() {
        return LuaActorSystem.builder().moduleRoot(modules).moduleRoot("lua-modules").build();
    }

    @BeforeEach
    void writeModules() throws Exception {
        Files.createDirectories(modules.resolve("util"));
        Files.writeString(modules.resolve("util/strings.lua"), """
                loads = (loads or 0) + 1
                local M = {counter = 0}
                function M.shout(s) return string.upper(s) .. '!' end
                return M""");
        Files.writeString(modules.resolve("util/bad.lua"), "local M = {}\nreturn M +");
        Files.writeString(modules.resolve("version.lua"), "return {v = 1}");
        Files.writeString(modules.resolve("secret.txt"), "password");
    }

    @Test
    void requiresNestedModulesFromADirectoryAndTheClassPath() {
        LuaActorRef actor = actor("user", """
                local strings = require('util.strings')
                local greeting = require('shared.greeting')
                return strings.shout(greeting.greet(ctx.msg))""");
        assertThat(ask(actor, "Lua")).isEqualTo(LuaMessage.from("HELLO, LUA!!"));
    }

    @Test
    void eachVmRunsAModuleOnceAndKeepsItsOwnCopy() {
        LuaActorRef a = actor("a", """
                local m = require('util.strings')
                m.counter = m.counter + 1
                require('util.strings')
                return {loads, m.counter}""");
        LuaActorRef b = actor("b", "local m = require('util.strings') return {loads, m.counter}");
        assertThat(ask(a, 1).toJava()).isEqualTo(List.of(1L, 1L));
        assertThat(ask(a, 1).toJava()).isEqualTo(List.of(1L, 2L));
        assertThat(ask(b, 1).toJava()).as("b has its own module table").isEqualTo(List.of(1L, 0L));
    }

    @Test
    void refusesEscapesAndUnknownModulesClearly() {
        LuaActorRef actor = actor("escaper", "local ok, err = pcall(require, ctx.msg) return err");
        for (String name : List.of("../secret", "/etc/passwd", "util/strings", "a..b", "", "x.lua/")) {
            assertThat(ask(actor, name).toJava().toString()).as(name)
                    .contains("require: invalid module name '" + name + "'");
        }
        assertThat(ask(actor, "nothing.here").toJava().toString())
                .contains("module 'nothing.here' not found in the Lua actor module roots");
        assertThat(ask(actor, "secret").toJava().toString()).contains("not found");
        assertThat(ask(actor, "secret.txt").toJava().toString()).as("only .lua files are modules")
                .contains("not found");
    }

    @Test
    void syntaxErrorInAModuleNamesTheModuleFileAndLine() {
        LuaActorRef actor = actor("broken", "return require('util.bad')");
        assertThat(failureOf(actor.send(LuaMessage.NIL)))
                .isInstanceOf(LuaScriptException.class)
                .hasMessageContaining("module 'util.bad' does not compile: util/bad.lua:2");
    }

    @Test
    void aLinkLeadingOutOfTheModuleRootIsNotFound(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("leak.lua"), "return 'read from outside the root'");
        Files.createSymbolicLink(modules.resolve("leak.lua"), outside.resolve("leak.lua"));
        LuaActorRef actor = actor("linker", "local ok, err = pcall(require, 'leak') return err");
        assertThat(ask(actor, "x").toJava().toString()).contains("module 'leak' not found");
    }

    @Test
    void aRequireLoopIsAClearErrorAndTheActorLivesOn() throws Exception {
        Files.writeString(modules.resolve("ping.lua"), "return {pong = require('pong')}");
        Files.writeString(modules.resolve("pong.lua"), "return {ping = require('ping')}");
        LuaActorRef actor = actor("loop", "if ctx.msg == 'loop' then return require('ping') end return 'alive'");
        assertThat(failureOf(actor.send(LuaMessage.from("loop"))))
                .isInstanceOf(LuaScriptException.class)
                .hasMessageContaining("module 'ping' is already being loaded (a require loop)");
        assertThat(actor.send(LuaMessage.from("again")).get()).isEqualTo(LuaMessage.from("alive"));
    }

    @Test
    void binaryModulesAreRefused() throws Exception {
        Files.write(modules.resolve("binary.lua"), new byte[] {27, 'L', 'u', 'a', 0x52, 0});
        LuaActorRef actor = actor("bin", "return require('binary')");
        assertThat(failureOf(actor.send(LuaMessage.NIL))).hasMessageContaining("binary chunks are not allowed");
    }

    @Test
    void reloadingAModuleReachesEveryActorThatUsesIt() throws Exception {
        LuaActorRef a = actor("a", "return require('version').v");
        LuaActorRef b = actor("b", "return require('version').v * 10");
        LuaActorRef c = actor("c", "return 'no modules'");
        assertThat(ask(a, 1)).isEqualTo(LuaMessage.from(1));
        assertThat(ask(b, 1)).isEqualTo(LuaMessage.from(10));
        assertThat(ask(c, 1)).isEqualTo(LuaMessage.from("no modules"));
        Files.writeString(modules.resolve("version.lua"), "return {v = 2}");
        assertThat(system.reloadModule("version")).isEqualTo(2);
        assertThat(ask(a, 1)).isEqualTo(LuaMessage.from(2));
        assertThat(ask(b, 1)).isEqualTo(LuaMessage.from(20));
    }

    @Test
    void builtInJsonRoundTrips() {
        LuaActorRef actor = actor("json", """
                local json = require('json')
                local text = json.encode(ctx.msg)
                local back = json.decode(text)
                return {text = text, back = back}""");
        LuaMessage.Table reply = (LuaMessage.Table) ask(actor, Map.of("list", List.of(1, 2.5, "x\"y"), "ok", true));
        assertThat(reply.get("back")).isEqualTo(LuaMessage.from(Map.of("list", List.of(1, 2.5, "x\"y"), "ok", true)));
        assertThat(reply.get("text").toJava().toString()).contains("[1,2.5,\"x\\\"y\"]", "\"ok\":true");
        LuaActorRef decoder = actor("decoder", "return require('json').decode(ctx.msg)");
        assertThat(ask(decoder, "{\"a\":{\"b\":[null,\"é😀\",-3e2]}}").toJava())
                .as("integral numbers arrive as integers, as every Lua number does")
                .isEqualTo(Map.of("a", Map.of("b", Map.of(2L, "é😀", 3L, -300L))));
    }

    @Test
    void jsonErrorsAreClearAndLimitsHold() {
        LuaActorRef actor = actor("jsonerr", """
                local json = require('json')
                local what = ctx.msg
                local ok, err
                if what == 'malformed' then ok, err = pcall(json.decode, '{"a": [1, 2}')
                elseif what == 'deep' then ok, err = pcall(json.decode, string.rep('[', 200) .. string.rep(']', 200))
                elseif what == 'function' then ok, err = pcall(json.encode, {f = print})
                elseif what == 'big' then
                  local t = {} for i = 1, 3 do t[i] = string.rep('x', 400 * 1024) end
                  ok, err = pcall(json.encode, t)
                end
                return err""");
        assertThat(ask(actor, "malformed").toJava().toString()).contains("json.decode: expected ',' or ']' at position");
        assertThat(ask(actor, "deep").toJava().toString()).contains("json.decode: nested deeper than 100 levels");
        assertThat(ask(actor, "function").toJava().toString()).contains("json.encode: cannot encode a value of type 'function'");
        assertThat(ask(actor, "big").toJava().toString()).contains("json.encode: result exceeds the sandbox limit");
    }

    @Test
    void customizersApplyInOrderPerActorAndTurnExceptionsIntoLuaErrors() {
        try (LuaActorSystem own = LuaActorSystem.builder()
                .customizer(LuaVmCustomizer.value("greeting", "hello"))
                .customizer(g -> g.set("greeting", LuaMessage.from("hi from " + g.actorName())))
                .customizer(LuaVmCustomizer.function("add", (a, b) -> ((Number) a.toJava()).longValue()
                        + ((Number) b.toJava()).longValue()))
                .customizer(LuaVmCustomizer.function("shout", m -> m.toJava().toString().toUpperCase()))
                .customizer(LuaVmCustomizer.function("fail", () -> {
                    throw new IllegalStateException("java says no");
                }))
                .build()) {
            LuaActorRef special = LuaActorBuilder.create().name("special")
                    .customizer(LuaVmCustomizer.value("only_me", true))
                    .onHandle("local ok, err = pcall(fail) return {greeting, add(2, 3), shout('x'), only_me, err}")
                    .start(own);
            LuaActorRef plain = LuaActorBuilder.create().name("plain")
                    .customizer(LuaVmCustomizer.value("only_special", true).onlyFor("special"))
                    .customizer(LuaVmCustomizer.value("plain_too", true).onlyFor(name -> name.startsWith("pl")))
                    .onHandle("return only_me == nil and only_special == nil and plain_too").start(own);
            assertThat(join(special.send(LuaMessage.NIL)).toJava())
                    .isEqualTo(List.of("hi from special", 5L, "X", true, "fail: java says no"));
            assertThat(join(plain.send(LuaMessage.NIL))).isEqualTo(LuaMessage.from(true));
        }
    }
}
