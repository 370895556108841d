package io.github.luaactor.core.internal.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/** {@link WaitScan}: which chunks may wait in {@code ctx.send} and so never run a Java send on its thread. */
class WaitScanTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "return ctx.send('b', ctx.msg)",
        "return ctx:send('b')",
        "local s = ctx.send return s('b', 1)",
        "local function later() return ctx.send('b', 1) end return later",
        "return function() return function() return ctx.send('b', 1) end end",
        "local m = require('helpers') return m.go()",
        "return load('return 1')()",
        "return loadstring('return 1')()",
        "return dofile('x.lua')",
    })
    void aChunkThatNamesSendOrReachesOtherCodeMayWait(String source) throws Exception {
        assertThat(WaitScan.mayWait(compile(source))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "return ctx.msg + 42",
        "ctx.do_send('b', 1) ctx.notify(2) ctx.notify_later(3, 0.5)",
        "local t = {} for i = 1, 8 do t[i] = 'k' .. i end return table.concat(t, '&'):upper()",
        "local sender = ctx.msg.sender return 'sent by ' .. sender",
    })
    void aChunkThatOnlyEnqueuesCannotWait(String source) throws Exception {
        assertThat(WaitScan.mayWait(compile(source))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void noChunkCannotWait() {
        assertThat(WaitScan.mayWait(null)).isFalse();
    }

    private static Prototype compile(String source) throws Exception {
        return LuaC.instance.compile(new ByteArrayInputStream(source.getBytes(StandardCharsets.UTF_8)), "=test");
    }
}
