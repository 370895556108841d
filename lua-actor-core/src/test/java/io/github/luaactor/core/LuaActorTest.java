package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuaActorTest extends ActorTestSupport {

    @Test
    void readmeExampleAddsFortyTwo() throws Exception {
        try (LuaActorSystem own = LuaActorSystem.create()) {
            LuaActorRef adder = LuaActorBuilder.create()
                    .name("adder")
                    .onHandle("return ctx.msg + 42")
                    .start(own);
            LuaMessage reply = adder.send(LuaMessage.from(100)).get();
            assertThat(reply).isEqualTo(new LuaMessage.Int(142));
            own.addRecipient("callback", msg -> LuaMessage.from("got " + msg.toJava()));
            assertThat(own.actor("adder")).containsSame(adder);
        }
    }

    @Test
    void noReturnRepliesNil() {
        assertThat(ask(actor("quiet", "local x = ctx.msg"), 1)).isEqualTo(LuaMessage.NIL);
    }

    @Test
    void stateCountsAcrossAThousandMessages() {
        LuaActorRef counter = actor("counter", "ctx.state.n = (ctx.state.n or 0) + 1 return ctx.state.n");
        for (int i = 0; i < 999; i++) {
            counter.doSend(LuaMessage.NIL);
        }
        assertThat(ask(counter, null)).isEqualTo(new LuaMessage.Int(1000));
    }

    @Test
    void ctxMsgAndStateBehaveAsOrdinaryTableKeys() {
        // Straight-line, so it also runs compiled: raw access and assignment reach the same two slots.
        LuaActorRef raw = actor("raw", """
                local before = rawget(ctx, 'state').n
                rawset(ctx, 'state', {n = ctx.msg})
                local seen = rawget(ctx, 'msg')
                ctx.msg = nil
                local cleared = ctx.msg == nil and rawget(ctx, 'msg') == nil
                ctx.msg = 'again'
                return {before = before, seen = seen, cleared = cleared, now = ctx.msg, n = ctx.state.n}
                """);
        assertThat(ask(raw, 7).toJava())
                .isEqualTo(Map.of("seen", 7L, "cleared", true, "now", "again", "n", 7L));
        assertThat(ask(raw, 8).toJava())
                .isEqualTo(Map.of("before", 7L, "seen", 8L, "cleared", true, "now", "again", "n", 8L));

        // A traversal visits every key once, msg and state included, and leaves out the nil ones.
        LuaActorRef keys = actor("keys", """
                if ctx.msg == 'drop state' then ctx.state = nil end
                local names, count, seen, distinct = {}, 0, {}, 0
                for k, v in pairs(ctx) do
                  count = count + 1
                  if not seen[k] then seen[k] = true distinct = distinct + 1 end
                  if type(v) ~= 'function' and k ~= 'log' then names[#names + 1] = k end
                end
                table.sort(names)
                return table.concat(names, ',') .. ' ' .. count .. '=' .. distinct
                """);
        assertThat(ask(keys, 1)).isEqualTo(LuaMessage.from("msg,name,state 10=10"));
        assertThat(ask(keys, null)).isEqualTo(LuaMessage.from("name,state 9=9"));
        assertThat(ask(keys, "drop state")).isEqualTo(LuaMessage.from("msg,name 9=9"));
    }

    @Test
    void theCtxGlobalCanBeReplacedAndRestoredLikeAnyGlobal() {
        LuaActorRef shadow = actor("shadow", """
                local real = ctx
                if ctx.msg == 'keep' then ctx = {msg = 'fake'} return ctx.msg end
                ctx = {msg = 'shadowed'}
                local seen = ctx.msg
                rawset(_G, 'ctx', nil)
                local gone = ctx == nil and _G.ctx == nil
                _G.ctx = real
                return {seen = seen, gone = gone, back = ctx.msg, same = rawget(_G, 'ctx') == real}
                """);
        assertThat(ask(shadow, 5).toJava()).isEqualTo(Map.of("seen", "shadowed", "gone", true, "back", 5L,
                "same", true));
        assertThat(ask(shadow, "keep")).isEqualTo(LuaMessage.from("fake"));
        // Globals persist across messages: the replacement is now what the handler finds as ctx.
        assertThat(ask(shadow, 6).toJava()).isEqualTo(Map.of("seen", "shadowed", "gone", true, "back", "fake",
                "same", true));
    }

    @Test
    void globalsDoNotLeakBetweenActors() {
        LuaActorRef writer = actor("writer", "shared = ctx.msg return shared");
        LuaActorRef reader = actor("reader", "return shared");
        assertThat(ask(writer, "secret")).isEqualTo(LuaMessage.from("secret"));
        assertThat(ask(reader, 1)).isEqualTo(LuaMessage.NIL);
    }

    @Test
    void generatesUniqueNamesWhenAbsent() {
        LuaActorRef a = LuaActorBuilder.create().onHandle("return ctx.name").start(system);
        LuaActorRef b = LuaActorBuilder.create().onHandle("return ctx.name").start(system);
        assertThat(a.name()).isNotEqualTo(b.name());
        assertThat(ask(a, 1)).isEqualTo(LuaMessage.from(a.name()));
    }

    @Test
    void duplicateNamesAreRejectedAcrossActorsAndRecipients() {
        actor("dup", "return 1");
        assertThatThrownBy(() -> actor("dup", "return 2"))
                .isInstanceOf(LuaActorException.class).hasMessageContaining("'dup' is already used by a Lua actor");
        system.addRecipient("java", msg -> msg);
        assertThatThrownBy(() -> actor("java", "return 2"))
                .isInstanceOf(LuaActorException.class).hasMessageContaining("a Java recipient");
        assertThatThrownBy(() -> system.addRecipient("dup", msg -> msg)).isInstanceOf(LuaActorException.class);
    }

    @Test
    void compileErrorFailsStartNamingActorChunkAndLine() {
        assertThatThrownBy(() -> actor("broken", "local x = 1\nreturn 1 +"))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.actor()).isEqualTo("broken");
                    assertThat(e.chunk()).isEqualTo("broken.handle");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("broken", "broken.handle:2");
                });
        assertThat(system.actor("broken")).isEmpty();
    }

    @Test
    void runtimeErrorReachesSenderAndActorLivesOn() {
        LuaActorRef failing = actor("failing", """
                ctx.state.n = (ctx.state.n or 0) + 1
                if ctx.msg == 'boom' then
                  error('foo')
                end
                return ctx.state.n""");
        Throwable failure = failureOf(failing.send(LuaMessage.from("boom")));
        assertThat(failure).isInstanceOfSatisfying(LuaScriptException.class, e -> {
            assertThat(e.actor()).isEqualTo("failing");
            assertThat(e.chunk()).isEqualTo("failing.handle");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.luaMessage()).isEqualTo("foo");
            assertThat(e.luaTraceback()).contains("failing.handle:3");
        });
        assertThat(ask(failing, "ok")).isEqualTo(new LuaMessage.Int(2));
        assertThat(failing.statistics().failed()).isEqualTo(1);
        assertThat(failing.statistics().lastError().message()).contains("foo");
    }

    @Test
    void actorsSharingOneCompiledScriptStillNameTheirOwnChunkInErrors() {
        String source = "local x = ctx.msg\nerror('failed ' .. x)";
        LuaActorRef first = actor("first", source);
        LuaActorRef second = actor("second", source);
        assertThat(failureOf(first.send(LuaMessage.from(1)))).hasMessageContaining("first.handle:2: failed 1");
        assertThat(failureOf(second.send(LuaMessage.from(2)))).hasMessageContaining("second.handle:2: failed 2");
    }

    @Test
    void handlerFromFileNamesTheFileInErrors(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("greeter.lua");
        Files.writeString(script, "-- greeter\nreturn 'Hello, ' .. ctx.msg .. nil\n");
        LuaActorRef greeter = LuaActorBuilder.create().name("greeter").onHandleFile(script).start(system);
        assertThat(failureOf(greeter.send(LuaMessage.from("x"))))
                .isInstanceOfSatisfying(LuaScriptException.class, e -> {
                    assertThat(e.chunk()).isEqualTo("greeter.lua");
                    assertThat(e.line()).isEqualTo(2);
                });
        assertThat(greeter.scriptLocation()).isEqualTo(script.toString());
    }

    @Test
    void javaRecipientAnswersCtxSend() {
        system.addRecipient("callback", msg -> LuaMessage.from(msg.toJava() + " from callback"));
        LuaActorRef actor = actor("caller", "return ctx.send('callback', ctx.msg)");
        assertThat(ask(actor, "Hello")).isEqualTo(LuaMessage.from("Hello from callback"));
    }

    @Test
    void actorLocalRecipientIsVisibleOnlyToItsActor() {
        LuaActorRef owner = LuaActorBuilder.create().name("owner")
                .addRecipient("private", msg -> LuaMessage.from("mine"))
                .onHandle("return ctx.send('private', 1)").start(system);
        LuaActorRef other = actor("other", "local ok, err = pcall(ctx.send, 'private', 1) return err");
        assertThat(ask(owner, 1)).isEqualTo(LuaMessage.from("mine"));
        assertThat(ask(other, 1).toJava().toString()).contains("unknown recipient 'private'");
    }

    @Test
    void actixCallbackScenarios() {
        List<LuaMessage> checked = new CopyOnWriteArrayList<>();
        system.addRecipient("callback", msg -> LuaMessage.from(msg.toJava() + " from callback"));
        system.addRecipient("check", msg -> {
            checked.add(msg);
            return LuaMessage.NIL;
        });
        LuaActorRef chain = actor("chain", "local r = ctx.send('callback', ctx.msg) ctx.send('check', r)");
        assertThat(ask(chain, "Hello")).isEqualTo(LuaMessage.NIL);
        assertThat(checked).containsExactly(LuaMessage.from("Hello from callback"));

        LuaActorRef doSend = actor("dosend", "ctx.do_send('check', 'Hello') return ctx.msg");
        assertThat(ask(doSend, null)).isEqualTo(LuaMessage.NIL);
        await().until(() -> checked.size() == 2);
        assertThat(checked.get(1)).isEqualTo(LuaMessage.from("Hello"));

        List<LuaMessage> started = new CopyOnWriteArrayList<>();
        system.addRecipient("startup", msg -> {
            started.add(msg);
            return LuaMessage.NIL;
        });
        LuaActorBuilder.create().name("starter").onStarted("ctx.send('startup', 'Hello')").onHandle("return 1")
                .start(system);
        await().until(() -> started.size() == 1);
        assertThat(started).containsExactly(LuaMessage.from("Hello"));
    }

    @Test
    void extraGlobalProvidedThroughARecipient() {
        system.addRecipient("greet", msg -> LuaMessage.from("Hello, " + msg.toJava() + "!"));
        assertThat(ask(actor("greeter", "return ctx.send('greet', ctx.msg)"), "World"))
                .isEqualTo(LuaMessage.from("Hello, World!"));
    }

    @Test
    void unknownRecipientIsACatchableLuaErrorAndADeadLetter() {
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        system.addDeadLetterListener(dead::add);
        LuaActorRef actor = actor("lost", """
                local ok, err = pcall(ctx.send, 'nobody', 'hi')
                return err""");
        assertThat(ask(actor, 1).toJava().toString()).contains("unknown recipient 'nobody'");
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.actor()).isEqualTo("nobody");
            assertThat(d.reason()).isEqualTo(DeadLetter.Reason.UNKNOWN_RECIPIENT);
            assertThat(d.sender()).isEqualTo("lost");
            assertThat(d.message()).isEqualTo(LuaMessage.from("hi"));
        });
        LuaActorRef uncaught = actor("uncaught", "ctx.do_send('nobody', 1)");
        assertThat(failureOf(uncaught.send(LuaMessage.NIL))).isInstanceOf(LuaScriptException.class)
                .hasMessageContaining("unknown recipient 'nobody'").hasMessageContaining("uncaught.handle:1");
        assertThat(ask(actor, 2).toJava().toString()).contains("unknown recipient");
    }

    @Test
    void nonSendableValuesGiveAClearErrorAtTheSendPoint() {
        system.addRecipient("sink", msg -> msg);
        LuaActorRef actor = actor("sender", """
                local what = ctx.msg
                local value
                if what == 'function' then value = print
                elseif what == 'coroutine' then value = coroutine.create(function() end)
                elseif what == 'cycle' then value = {} value.self = value
                elseif what == 'key' then value = {[true] = 1}
                end
                return ctx.send('sink', value)""");
        assertThat(failureOf(actor.send(LuaMessage.from("function"))))
                .hasMessageContaining("cannot send a value of type 'function'").hasMessageContaining("sender.handle:8");
        assertThat(failureOf(actor.send(LuaMessage.from("coroutine"))))
                .hasMessageContaining("cannot send a value of type 'thread'");
        assertThat(failureOf(actor.send(LuaMessage.from("cycle")))).hasMessageContaining("contains itself");
        assertThat(failureOf(actor.send(LuaMessage.from("key")))).hasMessageContaining("key of type 'boolean'");
        LuaActorRef returner = actor("returner", "return function() end");
        assertThat(failureOf(returner.send(LuaMessage.NIL))).hasMessageContaining("type 'function'");
        assertThat(ask(actor, "none")).isEqualTo(LuaMessage.NIL);
    }

    @Test
    void nestedTablesRoundTripJavaToLuaToJava() {
        LuaActorRef echo = actor("echo", "return ctx.msg");
        Map<String, Object> deep = Map.of(
                "name", "sensor é😀",
                "values", List.of(1, 2.5, List.of("x", Map.of("k", true))),
                "big", 9_007_199_254_740_992L,
                "int", 42);
        LuaMessage sent = LuaMessage.from(deep);
        LuaMessage reply = ask(echo, sent);
        assertThat(reply).isEqualTo(sent);
        assertThat(reply.toJava()).isEqualTo(Map.of(
                "name", "sensor é😀",
                "values", List.of(1L, 2.5, List.of("x", Map.of("k", true))),
                "big", 9_007_199_254_740_992L,
                "int", 42L));
    }

    @Test
    void tablesBuiltInLuaKeepKeyTypesAndLists() {
        LuaActorRef builder = actor("tables", "return { 10, 20, x = 1, [5] = 'five', nested = {a = {1}} }");
        LuaMessage.Table table = (LuaMessage.Table) ask(builder, null);
        assertThat(table.get(1L)).isEqualTo(LuaMessage.from(10));
        assertThat(table.get(2L)).isEqualTo(LuaMessage.from(20));
        assertThat(table.get(5L)).isEqualTo(LuaMessage.from("five"));
        assertThat(table.get("x")).isEqualTo(LuaMessage.from(1));
        assertThat(table.get("nested").toJava()).isEqualTo(Map.of("a", List.of(1L)));
        assertThat(ask(actor("list", "return {'a', 'b'}"), null).toJava()).isEqualTo(List.of("a", "b"));
    }

    @Test
    void numbersArriveAsIntWhenIntegralOtherwiseNum() {
        LuaActorRef math = actor("math", "return ctx.msg / 2");
        assertThat(ask(math, 4)).isEqualTo(new LuaMessage.Int(2));
        assertThat(ask(math, 3)).isEqualTo(new LuaMessage.Num(1.5));
        assertThat(ask(actor("huge", "return 2^40"), null)).isEqualTo(new LuaMessage.Int(1L << 40));
        assertThat(ask(actor("utf8", "return #ctx.msg"), "é😀")).isEqualTo(new LuaMessage.Int(6));
    }

    @Test
    void notifyAndNotifyLaterDeliverToSelfInOrder() {
        List<LuaMessage> seen = new CopyOnWriteArrayList<>();
        system.addRecipient("seen", msg -> {
            seen.add(msg);
            return LuaMessage.NIL;
        });
        LuaActorRef actor = LuaActorBuilder.create().name("timer")
                .onStarted("ctx.notify_later('late', 0.3) ctx.notify_later('early', 0.05) ctx.notify('now')")
                .onHandle("ctx.do_send('seen', ctx.msg)")
                .start(system);
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
        assertThat(seen).containsExactly(LuaMessage.from("now"), LuaMessage.from("early"), LuaMessage.from("late"));
        assertThat(actor.isAlive()).isTrue();
    }

    @Test
    void actixNotifyScenarioSetsAFlagBeforeTheRealMessage() {
        LuaActorRef actor = LuaActorBuilder.create().name("flag")
                .onStarted("ctx.notify_later(100, 0.2)")
                .onHandle("if ctx.msg == 100 then ctx.state.flag = true return end "
                        + "if ctx.state.flag then return ctx.msg + 100 end return ctx.msg")
                .start(system);
        await().atMost(Duration.ofSeconds(5)).until(() -> actor.statistics().processed() == 1);
        assertThat(ask(actor, 1)).isEqualTo(new LuaMessage.Int(101));
    }

    @Test
    void terminateStopsAfterTheCurrentHandlerAndRunsOnStopped() {
        List<LuaMessage> stopped = new CopyOnWriteArrayList<>();
        system.addRecipient("obituary", msg -> {
            stopped.add(msg);
            return LuaMessage.NIL;
        });
        LuaActorRef actor = LuaActorBuilder.create().name("mortal")
                .onHandle("ctx.state.last = ctx.msg if ctx.msg == 'die' then ctx.terminate() end return 'bye'")
                .onStopped("ctx.do_send('obituary', ctx.state.last)")
                .start(system);
        assertThat(ask(actor, "die")).isEqualTo(LuaMessage.from("bye"));
        join(actor.whenTerminated());
        assertThat(actor.isAlive()).isFalse();
        assertThat(actor.state()).isEqualTo(ActorState.STOPPED);
        await().until(() -> stopped.size() == 1);
        assertThat(stopped).containsExactly(LuaMessage.from("die"));
        assertThat(failureOf(actor.send(LuaMessage.from(1)))).isInstanceOf(ActorStoppedException.class);
        assertThat(system.actor("mortal")).isEmpty();
    }

    @Test
    void terminateInOnStartedStopsTheActor() {
        LuaActorRef actor = LuaActorBuilder.create().name("shortlived")
                .onStarted("ctx.terminate()").onHandle("return 1").onStopped("ctx.state.done = true").start(system);
        join(actor.whenTerminated());
        assertThat(actor.state()).isEqualTo(ActorState.STOPPED);
    }

    @Test
    void stopHandlesQueuedMessagesRunsOnStoppedThenRefuses() {
        List<LuaMessage> stopped = new CopyOnWriteArrayList<>();
        system.addRecipient("obituary", msg -> {
            stopped.add(msg);
            return LuaMessage.NIL;
        });
        LuaActorRef actor = LuaActorBuilder.create().name("graceful")
                .onHandle("ctx.state.n = (ctx.state.n or 0) + 1")
                .onStopped("ctx.send('obituary', ctx.state.n)")
                .start(system);
        for (int i = 0; i < 100; i++) {
            actor.doSend(LuaMessage.from(i));
        }
        var done = actor.stop();
        assertThatThrownBy(() -> actor.doSend(LuaMessage.from(1))).isInstanceOf(ActorStoppedException.class)
                .hasMessageContaining("graceful");
        join(done);
        assertThat(stopped).containsExactly(LuaMessage.from(100));
        assertThat(actor.statistics().processed()).isEqualTo(100);
    }

    @Test
    void sendWithTimeoutCompletesWithTimeoutException() {
        system.addRecipient("slow", msg -> {
            Thread.sleep(2_000);
            return msg;
        });
        LuaActorRef actor = actor("waiter", "return ctx.send('slow', 1)");
        assertThat(failureOf(actor.send(LuaMessage.NIL, Duration.ofMillis(50)))).isInstanceOf(TimeoutException.class);
    }

    @Test
    void askTimeoutRaisesTimeoutAtTheCallSite() {
        system.addRecipient("never", msg -> {
            Thread.sleep(5_000);
            return msg;
        });
        LuaActorRef actor = LuaActorBuilder.create().name("impatient").askTimeout(Duration.ofMillis(100))
                .onHandle("local ok, err = pcall(ctx.send, 'never', 1) return err").start(system);
        assertThat(ask(actor, 1).toJava().toString()).contains("timeout", "'never'");
    }

    @Test
    void recipientErrorsSurfaceAtTheCtxSendCallSite() {
        system.addRecipient("grumpy", msg -> {
            throw new IllegalStateException("no thanks");
        });
        actor("b", "error('b failed')");
        LuaActorRef a = actor("a", """
                local ok1, e1 = pcall(ctx.send, 'grumpy', 1)
                local ok2, e2 = pcall(ctx.send, 'b', 1)
                return {ok1, e1, ok2, e2}""");
        LuaMessage.Table reply = (LuaMessage.Table) ask(a, null);
        assertThat(reply.get(1L)).isEqualTo(LuaMessage.from(false));
        assertThat(reply.get(2L).toJava().toString()).contains("no thanks");
        assertThat(reply.get(3L)).isEqualTo(LuaMessage.from(false));
        assertThat(reply.get(4L).toJava().toString()).contains("'b'", "b failed");
    }

    @Test
    void newActorStartsFromTheResolver() {
        try (LuaActorSystem own = LuaActorSystem.builder()
                .scriptResolver(name -> name.equals("doubler")
                        ? java.util.Optional.of(LuaScript.of("doubler.lua", "return ctx.msg * 2"))
                        : java.util.Optional.empty())
                .build()) {
            LuaActorRef parent = LuaActorBuilder.create().name("parent").onHandle("""
                    local child = ctx.new_actor('doubler', 'child-' .. ctx.msg)
                    return {child, ctx.send(child, 21)}""").start(own);
            LuaMessage reply = join(parent.send(LuaMessage.from(1)));
            assertThat(reply.toJava()).isEqualTo(List.of("child-1", 42L));
            assertThat(own.actor("child-1")).isPresent();
            LuaActorRef missing = LuaActorBuilder.create().onHandle("return ctx.new_actor('nope')").start(own);
            assertThat(failureOf(missing.send(LuaMessage.NIL))).hasMessageContaining("no script 'nope'");
        }
    }

    @Test
    void luaCoroutinesStillWorkInsideHandlers() {
        LuaActorRef actor = actor("co", """
                local co = coroutine.create(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
                local _, x = coroutine.resume(co, ctx.msg)
                local _, y = coroutine.resume(co, 10)
                return x + y""");
        assertThat(ask(actor, 1)).isEqualTo(new LuaMessage.Int(22));
    }
}
