package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code ctx}'s functions and log table, and the globals {@code load} and {@code print}, are made on first use; to
 * Lua the tables are as if they had been there from the start: reads, {@code rawget}, traversal, replacing and
 * removing them behave as for any table.
 */
class FirstUseEntriesTest extends ActorTestSupport {

    private int actors;

    private String text(String handler) {
        return ((LuaMessage.Str) ask(actor("entries-" + actors++, handler), 1)).value();
    }

    @Test
    void aTraversalListsEveryEntry() {
        assertThat(text("""
                local keys = {}
                for k, v in pairs(ctx) do keys[#keys + 1] = k .. '=' .. type(v) end
                table.sort(keys)
                return table.concat(keys, ' ')"""))
                .isEqualTo("do_send=function log=table msg=number name=string new_actor=function notify=function"
                        + " notify_later=function send=function state=table terminate=function");
    }

    @Test
    void rawAccessSeesTheEntries() {
        assertThat(text("""
                return type(rawget(ctx, 'send')) .. ' ' .. type(rawget(ctx, 'log')) .. ' '
                  .. type(rawget(ctx, 'log').info) .. ' ' .. tostring(rawequal(ctx.send, rawget(ctx, 'send')))
                  .. ' ' .. tostring(ctx.nothing) .. ' ' .. tostring(next(ctx) ~= nil)"""))
                .isEqualTo("function table function true nil true");
    }

    @Test
    void removedAndReplacedEntriesStaySo() {
        assertThat(text("""
                ctx.send = nil
                rawset(ctx, 'log', 'mine')
                ctx.notify = 42
                local listed = {}
                for k in pairs(ctx) do listed[k] = true end
                return tostring(ctx.send) .. ' ' .. ctx.log .. ' ' .. ctx.notify .. ' '
                  .. tostring(listed.send) .. ' ' .. tostring(listed.terminate) .. ' ' .. type(ctx.do_send)"""))
                .isEqualTo("nil mine 42 nil true function");
        LuaActorRef actor = actor("kept", """
                if ctx.msg == 1 then ctx.terminate = nil return 'removed' end
                return tostring(ctx.terminate)""");
        assertThat(((LuaMessage.Str) ask(actor, 1)).value()).isEqualTo("removed");
        assertThat(((LuaMessage.Str) ask(actor, 2)).value()).as("a later message sees the same table").isEqualTo("nil");
    }

    @Test
    void theFunctionsWorkWhenFirstReachedThroughATraversal() {
        actor("echo", "return ctx.msg .. '!'");
        assertThat(text("""
                local found
                for k, v in pairs(ctx) do if k == 'send' then found = v end end
                ctx.log.info('sending')
                return found('echo', 'hi')"""))
                .isEqualTo("hi!");
    }

    @Test
    void loadAndPrintAreGlobalsLikeAnyOther() {
        assertThat(text("""
                local listed = {}
                for k, v in pairs(_G) do listed[k] = type(v) end
                return listed.load .. ' ' .. listed.print .. ' ' .. type(rawget(_G, 'load')) .. ' '
                  .. tostring(rawequal(print, rawget(_G, 'print'))) .. ' ' .. load('return 1 + 1')()"""))
                .isEqualTo("function function function true 2");
        assertThat(text("""
                print = nil
                local f = rawget(_G, 'load')
                _G.load = 'mine'
                local listed = {}
                for k in pairs(_G) do listed[k] = true end
                return tostring(print) .. ' ' .. tostring(listed.print) .. ' ' .. load .. ' ' .. f('return 3')()"""))
                .isEqualTo("nil nil mine 3");
    }

    @Test
    void printFirstReachedThroughATraversalLogs() {
        assertThat(text("""
                local p
                for k, v in pairs(_G) do if k == 'print' then p = v end end
                p('from', 'a traversal')
                return type(p)"""))
                .isEqualTo("function");
    }
}
