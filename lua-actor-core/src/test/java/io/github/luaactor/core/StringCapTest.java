package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * max-string-length holds on every path a handler's Lua code can take: inside a coroutine, after the handler
 * suspended in {@code ctx.send} there (while other messages of the same actor ran meanwhile), in {@code json} and
 * in {@code ctx.log}. The actor's limit is 64 KiB, so that a miss is cheap.
 */
class StringCapTest extends ActorTestSupport {
    private static final int LIMIT = 64 * 1024;

    private LuaActorRef capped(String name, String handle) {
        return LuaActorBuilder.create().name(name).settings(s -> s.withMaxStringLength(LIMIT)).onHandle(handle)
                .start(system);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // .. in the coroutine after its ctx.send suspended
            "local co = coroutine.wrap(function() ctx.send('slow', 1) local s = ('x'):rep(2^15) "
                    + "return #(s .. s .. s) end) return co()",
            // .. in the handler after the coroutine that suspended returned
            "local co = coroutine.wrap(function() ctx.send('slow', 1) return 1 end) co() "
                    + "local s = ('x'):rep(2^15) return #(s .. s .. s)",
            // .. doubling in a loop, after a yield and a suspension
            "local co = coroutine.wrap(function() coroutine.yield() ctx.send('slow', 1) local s = 'x' "
                    + "for i = 1, 30 do s = s .. s end return #s end) co() return co()",
    })
    void concatenationIsCappedAfterASuspensionInsideACoroutine(String script) {
        system.addRecipient("slow", message -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return message;
        });
        LuaActorRef actor = capped("escaper", "if ctx.msg == 'other' then return 'ok' end\n" + script);
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // other messages of the same actor run while each attack waits, clearing the hook's parked stacks
            replies.add(actor.send(LuaMessage.from("attack")));
            replies.add(actor.send(LuaMessage.from("other")));
        }
        for (int i = 0; i < replies.size(); i += 2) {
            Throwable failure = failureOf(replies.get(i));
            assertThat(failure).isInstanceOf(LuaScriptException.class)
                    .hasMessageContaining("escaper")
                    .hasMessageContaining("string concatenation (..)")
                    .hasMessageContaining(String.valueOf(LIMIT));
            assertThat(join(replies.get(i + 1))).isEqualTo(LuaMessage.from("ok"));
        }
    }

    @Test
    void jsonEncodeIsCappedInsideACoroutineAfterASuspension() {
        system.addRecipient("slow", message -> message);
        LuaActorRef actor = capped("json", """
                local json = require('json')
                local co = coroutine.wrap(function()
                  ctx.send('slow', 1)
                  local t = {} for i = 1, 40 do t[i] = ('x'):rep(2^11) end
                  return json.encode(t)
                end)
                return #co()""");
        Throwable failure = failureOf(actor.send(LuaMessage.from(1)));
        assertThat(failure).isInstanceOf(LuaScriptException.class).hasMessageContaining("json")
                .hasMessageContaining(String.valueOf(LIMIT));
    }

    @Test
    void aLogLineOfManyReferencesToOneStringIsCapped() {
        LuaActorRef actor = capped("logger", """
                local s = ('x'):rep(2^15)
                local t = {} for i = 1, 10000 do t[i] = s end
                ctx.log.warn(table.unpack(t))""");
        Throwable failure = failureOf(actor.send(LuaMessage.from(1)));
        assertThat(failure).isInstanceOf(LuaScriptException.class).hasMessageContaining("logger")
                .hasMessageContaining("log line").hasMessageContaining("max-string-length");
        assertThat(((LuaScriptException) failure).line()).isEqualTo(3);
    }
}
