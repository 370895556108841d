package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * An actor may change its own view of the {@code string} library, as a Lua 5.2 program may change its own: replace
 * a shared function ({@code string.upper = f}, {@code function string.format() end}), add one, and see both in
 * {@code string.x(...)}, in {@code ("a"):x()} and through {@code getmetatable('').__index}. No other actor sees any
 * of it, including actors of the same script and actors that run on the same thread afterwards.
 * {@link InterpretedActorStringLibraryTest} runs it again with handlers interpreted.
 */
class ActorStringLibraryTest extends ActorTestSupport {

    @Test
    void aReplacementRunsForTheActorThatMadeItOnly() {
        LuaActorRef replacer = actor("replacer", """
                string.upper = function(s) return 'X' end
                return string.upper('a') .. ('a'):upper() .. ('b'):lower()""");
        LuaActorRef other = actor("other", "return ('a'):upper() .. string.upper('b') .. tostring(string.upper == nil)");
        assertThat(ask(replacer, 1)).isEqualTo(LuaMessage.from("XXb"));
        assertThat(ask(other, 1)).isEqualTo(LuaMessage.from("ABfalse"));
        assertThat(ask(replacer, 2)).as("the replacement lives as long as the actor's VM")
                .isEqualTo(LuaMessage.from("XXb"));
        assertThat(ask(other, 2)).isEqualTo(LuaMessage.from("ABfalse"));
    }

    @Test
    void actorsOfTheSameScriptKeepTheirOwnView() {
        String script = """
                if ctx.msg == 'replace' then
                  function string.format(f, ...) return 'F:' .. f end
                elseif ctx.msg == 'hide' then
                  string.format = nil
                  return tostring(string.format) .. '|' .. select(2, pcall(function() return ('%d'):format(7) end))
                end
                return ('%d'):format(7) .. '|' .. string.format('%s', 'x') .. '|' .. type(string.format)""";
        LuaActorRef first = actor("first", script);
        LuaActorRef second = actor("second", script);
        assertThat(ask(first, "replace")).isEqualTo(LuaMessage.from("F:%d|F:%s|function"));
        assertThat(ask(second, "look")).isEqualTo(LuaMessage.from("7|x|function"));
        assertThat(ask(first, "look")).isEqualTo(LuaMessage.from("F:%d|F:%s|function"));
        assertThat(ask(first, "hide")).as("assigning nil leaves the name nil for this actor, as in Lua 5.2")
                .isEqualTo(LuaMessage.from("nil|first.handle:5: attempt to call method 'format' (a nil value)"));
        assertThat(ask(second, "look")).isEqualTo(LuaMessage.from("7|x|function"));
    }

    @Test
    void theStringMetatableIndexIsTheActorsOwnStringTable() {
        LuaActorRef extender = actor("extender", """
                local index = getmetatable('').__index
                index.trim = function(s) return (s:gsub('^%s+', ''):gsub('%s+$', '')) end
                index.rep = function() return 'R' end
                return tostring(index == string) .. tostring(rawequal(getmetatable('').__index, string)) .. '|'
                    .. ('  x  '):trim() .. string.trim(' y ') .. ('z'):rep(3) .. string.rep('z', 2)""");
        LuaActorRef other = actor("other", """
                return tostring(getmetatable('').__index == string) .. '|' .. tostring(('x').trim)
                    .. tostring(string.trim) .. ('z'):rep(3)""");
        assertThat(ask(extender, 1)).isEqualTo(LuaMessage.from("truetrue|xyRR"));
        assertThat(ask(other, 1)).isEqualTo(LuaMessage.from("true|nilnilzzz"));
    }

    @Test
    void pairsListsEachNameOnceWithTheActorsReplacement() {
        String count = """
                local seen, n, twice = {}, 0, false
                for k, v in pairs(string) do
                  if seen[k] then twice = true end
                  seen[k] = v
                  n = n + 1
                end
                return n, twice, seen""";
        LuaActorRef plain = actor("plain", count.replace("return n, twice, seen", "return n"));
        LuaActorRef changed = actor("changed", """
                local replacement = function() return 'U' end
                string.upper = replacement
                function string.trim(s) return s end
                string.len = function() return 0 end
                string.len = nil
                local function walk()
                """ + count + """

                end
                local n, twice, seen = walk()
                return n .. tostring(twice) .. tostring(seen.upper == replacement) .. tostring(seen.trim ~= nil)
                    .. tostring(seen.len ~= nil and seen.len('abc') == 3) .. tostring(seen.dump)""");
        long shared = ((LuaMessage.Int) ask(plain, 1)).value();
        assertThat(ask(changed, 1)).as("a name assigned nil is not listed: trim added, len hidden")
                .isEqualTo(LuaMessage.from(shared + "falsetruetruefalsenil"));
    }

    @Test
    void aReplacementHoldsInsideTheActorsCoroutinesAndProtectedCalls() {
        LuaActorRef replacer = actor("replacer", """
                string.sub = function() return 'S' end
                local inside = coroutine.wrap(function() return ('abc'):sub(1, 1) end)()
                local ok, viaPcall = pcall(string.sub, 'abc', 2)
                return inside .. viaPcall .. select(2, pcall(function() return ('abc'):sub(3) end))""");
        LuaActorRef other = actor("other", "return coroutine.wrap(function() return ('abc'):sub(1, 1) end)()");
        assertThat(ask(replacer, 1)).isEqualTo(LuaMessage.from("SSS"));
        assertThat(ask(other, 1)).isEqualTo(LuaMessage.from("a"));
    }

    @Test
    void assigningNilToASharedNameHidesItFromThisActorOnly() {
        LuaActorRef remover = actor("remover", """
                string.sub = nil
                local ok, e = pcall(function() return ('abc'):sub(2) end)
                return tostring(string.sub) .. tostring(rawget(string, 'sub')) .. '|' .. e""");
        LuaActorRef other = actor("other", "return ('abc'):sub(2) .. string.sub('abc', 3)");
        assertThat(ask(remover, 1)).isEqualTo(LuaMessage.from(
                "nilnil|remover.handle:2: attempt to call method 'sub' (a nil value)"));
        assertThat(ask(other, 1)).isEqualTo(LuaMessage.from("bcc"));
        assertThat(ask(actor("restorer", """
                local sub = string.sub
                string.sub = nil
                string.sub = sub
                return ('abc'):sub(2) .. string.sub('abc', 3)"""), 1))
                .as("assigning the function again shows it again").isEqualTo(LuaMessage.from("bcc"));
    }

    @Test
    void theSandboxsRemovedStringFunctionStaysRemovedUnlessTheActorDefinesItsOwn() {
        LuaActorRef definer = actor("definer", """
                local before = select(2, pcall(function() return string.dump end))
                string.dump = function() return 'mine' end
                return before .. '|' .. string.dump()""");
        assertThat(ask(definer, 1)).isEqualTo(LuaMessage.from(
                "definer.handle:1: 'string.dump' is not available in the Lua actor sandbox|mine"));
        assertThat(failureOf(actor("other", "return string.dump").send(LuaMessage.from(1))))
                .hasMessageContaining("'string.dump' is not available in the Lua actor sandbox");
    }
}
