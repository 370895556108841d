package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Lua recursion as deep as {@code max-call-depth}, far past what one JVM thread's stack holds, and Lua's catchable
 * {@code stack overflow} past it: each run of nested calls gets a stack segment of its own (a virtual thread the
 * caller waits for), so coroutines, {@code ctx.send}, budgets and errors must work from any depth.
 * {@link InterpretedDeepRecursionTest} runs it again with handlers interpreted.
 */
class DeepRecursionTest extends ActorTestSupport {
    private static final String COUNT_DOWN = "local function r(n) if n == 0 then return 0 end return 1 + r(n - 1) end\n";

    private LuaActorRef actor(String name, String handle, int maxCallDepth) {
        return LuaActorBuilder.create().name(name).onHandle(handle)
                .settings(s -> s.withQuotas(s.quotas().withMaxCallDepth(maxCallDepth))).start(system);
    }

    @Test
    void recursionGoesFarDeeperThanOneThreadStack() {
        LuaActorRef deep = actor("deep", COUNT_DOWN + "return r(ctx.msg)");
        assertThat(ask(deep, 19_000)).isEqualTo(LuaMessage.from(19_000));
        // The count starts again at every message and after every return.
        assertThat(ask(deep, 19_990)).isEqualTo(LuaMessage.from(19_990));
    }

    @Test
    void pcallCatchesTheOverflowInTheCallersLine() {
        LuaActorRef deep = actor("deep", """
                local function r(n)
                  if n == 0 then return 0 end
                  return 1 +
                    r(n - 1)
                end
                local ok, err = pcall(r, ctx.msg)
                -- the script goes on normally: errors, concatenation, calls
                local ok2, err2 = pcall(error, 'after')
                return tostring(ok) .. ' ' .. err .. ' | ' .. err2 .. ' | ' .. r(100)""", 1_000);
        String reply = ask(deep, 5_000).toJava().toString();
        assertThat(reply).startsWith("false deep.handle:4: stack overflow (more than 1000 nested Lua calls)")
                .contains("quota of 1000 call-depth reached", "lua-actor.defaults.max-call-depth")
                .endsWith(" | after | 100");
        assertThat(deep.statistics().quotaExceeded(Quota.CALL_DEPTH)).isEqualTo(1);
        // The limit is exact: 1,000 nested calls (the handler's chunk, then r(998) down to r(0)) still run.
        LuaActorRef exact = actor("exact", COUNT_DOWN + "return select(2, pcall(r, ctx.msg))", 1_000);
        assertThat(ask(exact, 998)).isEqualTo(LuaMessage.from(998));
        assertThat(ask(exact, 999).toJava().toString()).contains("stack overflow");
    }

    @Test
    void anUncaughtOverflowFailsOnlyThatMessage() {
        LuaActorRef deep = actor("deep", COUNT_DOWN + "return r(ctx.msg)", 500);
        Throwable failure = failureOf(deep.send(LuaMessage.from(600)));
        assertThat(failure).isInstanceOf(LuaScriptException.class)
                .hasMessageContaining("deep.handle:1: stack overflow (more than 500 nested Lua calls)");
        assertThat(ask(deep, 400)).isEqualTo(LuaMessage.from(400));
    }

    @Test
    void pcallsThatRaiseAtEveryLevelUnwindToTheTop() {
        // Lua 5.2 runs this to the end as well (its C stack limit stops the pcalls); each level catches and raises.
        LuaActorRef deep = actor("deep", """
                local levels = 0
                local function r(n) levels = n pcall(r, n + 1) error('e') end
                local ok, err = pcall(r, 1)
                return levels .. ' ' .. err""", 600);
        assertThat(ask(deep, 0).toJava().toString()).isEqualTo("599 deep.handle:2: e");
    }

    @Test
    void recursionThroughMetamethodsAndLibraryCallbacks() {
        LuaActorRef deep = actor("deep", """
                local t = setmetatable({}, {__index = function(t, k)
                  if k == 0 then return 0 end
                  return t[k - 1] + 1
                end})
                local function sorted(n)
                  if n == 0 then return 0 end
                  local depth
                  table.sort({2, 1}, function(a, b) depth = depth or sorted(n - 1) return a < b end)
                  return depth + 1
                end
                local function replaced(n)
                  if n == 0 then return '' end
                  return (('x'):gsub('x', function() return replaced(n - 1) end)) .. 'y'
                end
                return t[5000] .. ' ' .. sorted(1000) .. ' ' .. #replaced(1000)""");
        assertThat(ask(deep, 0)).isEqualTo(LuaMessage.from("5000 1000 1000"));
    }

    @Test
    void aCoroutineYieldsFromDeepInsideAndResumesThere() {
        LuaActorRef deep = actor("deep", COUNT_DOWN + """
                local function down(n)
                  if n == 0 then
                    local got = coroutine.yield('bottom')
                    return got
                  end
                  return 1 + down(n - 1)
                end
                local co = coroutine.create(down)
                local ok, first = coroutine.resume(co, 3000)
                -- the resumer's own depth is its own: deep recursion between the resumes
                local between = r(2000)
                local ok2, total = coroutine.resume(co, 7)
                return first .. ' ' .. between .. ' ' .. total .. ' ' .. coroutine.status(co)""");
        assertThat(ask(deep, 0)).isEqualTo(LuaMessage.from("bottom 2000 3007 dead"));
    }

    @Test
    void eachCoroutineHasItsOwnDepth() {
        LuaActorRef deep = actor("deep", COUNT_DOWN + """
                local function nest(n)
                  if n == 0 then return r(700) end
                  return coroutine.wrap(function() return 1 + nest(n - 1) end)()
                end
                local inner = coroutine.wrap(function() return pcall(r, 900) end)
                local ok, err = inner()
                return nest(3) .. ' ' .. tostring(ok) .. ' ' .. err:match('stack overflow')""", 800);
        assertThat(ask(deep, 0)).isEqualTo(LuaMessage.from("703 false stack overflow"));
    }

    @Test
    void aDeepFrameWaitsInCtxSendAndGoesOn() {
        actor("echo", "return ctx.msg * 2");
        LuaActorRef deep = actor("deep", """
                local function r(n)
                  if n == 0 then return ctx.send('echo', 21) end
                  return 1 + r(n - 1)
                end
                return r(ctx.msg)""");
        assertThat(ask(deep, 2_500)).isEqualTo(LuaMessage.from(2_542));
    }

    @Test
    void budgetsStopALoopAtTheBottomAndTheNextMessageStartsAfresh() {
        LuaActorRef deep = LuaActorBuilder.create().name("deep").instructionLimit(1_000_000).onHandle(COUNT_DOWN + """
                local function spin(n) if n == 0 then while true do end end return spin(n - 1) + 1 end
                if ctx.msg == 'spin' then return spin(3000) end
                return r(ctx.msg)""").start(system);
        Throwable failure = failureOf(deep.send(LuaMessage.from("spin")));
        assertThat(failure).isInstanceOf(BudgetExceededException.class);
        assertThat(ask(deep, 19_000)).isEqualTo(LuaMessage.from(19_000));
    }

    @Test
    void errorsCaughtAtAnyDepthGiveEveryCallBack() {
        LuaActorRef deep = actor("deep", COUNT_DOWN + """
                local function fail(n) if n == 0 then error({code = 7}) end return fail(n - 1) + 1 end
                local codes = 0
                for i = 1, 20 do
                  local ok, e = pcall(fail, i * 37)
                  codes = codes + e.code
                end
                -- had a failed call kept its count, the limit would now be reached sooner
                return codes .. ' ' .. r(1990)""", 2_000);
        assertThat(ask(deep, 0)).isEqualTo(LuaMessage.from("140 1990"));
    }

    @Test
    void anOverflowThroughALoadedChunkNamesItsLine() {
        // Loaded twice, the chunk runs compiled in a compiling system, as the handler does.
        LuaActorRef deep = actor("deep", """
                for i = 1, 2 do f = load('local x = 1\\nreturn 1 + f()', '=chunky') end
                local ok, e = pcall(f)
                return e""", 500);
        assertThat(ask(deep, 0).toJava().toString()).startsWith("chunky:2: stack overflow (more than 500 nested Lua calls)");
    }

    private static final long LIMIT = 8L * 1024 * 1024;
    private static final String DEEP = "local function deep(n, k) if n == 0 then return k() end return deep(n - 1, k) + 0 end\n";

    private LuaActorRef limited(String name, String handle) {
        return LuaActorBuilder.create().name(name).instructionLimit(0).onHandle(handle)
                .settings(s -> s.withMemoryLimit(LIMIT)).start(system);
    }

    /** A handler that parks {@code count} coroutines, each yielding {@code depth} calls deep. */
    private static String parking(int count, int depth) {
        return DEEP + "local parked = {}\n"
                + "for i = 1, " + count + " do\n"
                + "  local co = coroutine.create(function() deep(" + depth + ", coroutine.yield) end)\n"
                + "  coroutine.resume(co)\n"
                + "  parked[i] = co\n"
                + "end\n"
                + "return #parked";
    }

    @Test
    void deepCoroutinesThatYieldCountTowardsTheMemoryLimit() {
        // Each coroutine waits 5,000 calls deep: about 1.2 MB of stack that no walk of the VM's values sees.
        LuaActorRef deep = limited("deep", parking(40, 5000));
        assertThat(failureOf(deep.send(LuaMessage.NIL))).isInstanceOf(MemoryLimitExceededException.class);
        // A coroutine waiting within its first stack segment costs no more than before: many of them fit.
        LuaActorRef shallow = limited("shallow", parking(200, 100));
        assertThat(ask(shallow, 0)).isEqualTo(LuaMessage.from(200));
    }

    @Test
    void deepResumersCountTowardsTheMemoryLimit() {
        // Each level resumes the next coroutine from 5,000 calls deep, and waits there while it runs.
        LuaActorRef deep = limited("deep", DEEP + """
                local function nest(level)
                  return deep(5000, function()
                    return coroutine.wrap(function() return nest(level + 1) end)()
                  end)
                end
                return nest(1)""");
        assertThat(failureOf(deep.send(LuaMessage.NIL))).isInstanceOf(MemoryLimitExceededException.class);
    }

    @Test
    void handlersSuspendedDeepCountTowardsTheMemoryLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        system.addRecipient("gate", message -> {
            release.await(60, TimeUnit.SECONDS);
            return LuaMessage.from(1);
        });
        LuaActorRef deep = limited("deep", DEEP + "return deep(10000, function() return ctx.send('gate', 1) end)");
        List<CompletableFuture<LuaMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(deep.send(LuaMessage.from(i)));
        }
        // Each suspended handler holds about 2.5 MB of stack: the actor's 8 MB take three at most, and the handler
        // that would pass the limit fails at its ctx.send instead of waiting there.
        for (CompletableFuture<LuaMessage> reply : replies.subList(4, 12)) {
            assertThat(failureOf(reply)).isInstanceOf(MemoryLimitExceededException.class)
                    .hasMessageContaining("deep.handle:2:");
        }
        assertThat(deep.statistics().suspended()).isLessThanOrEqualTo(3);
        release.countDown();
        assertThat(join(replies.get(0))).isEqualTo(LuaMessage.from(1));
        assertThat(join(replies.get(1))).isEqualTo(LuaMessage.from(1));
    }
}
