package io.github.luaactor.spring.boot.actuate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.state.InMemoryLuaStateStore;
import io.github.luaactor.core.state.StateSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.util.unit.DataSize;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class LuaActorsEndpointTest {
    private final LuaActorTracker tracker = new LuaActorTracker();
    private final LuaActorSystem system = LuaActorSystem.builder().monitor(tracker)
            .shutdownTimeout(Duration.ofSeconds(5)).build();
    private final LuaActorsEndpoint endpoint = new LuaActorsEndpoint(system, tracker, Duration.ofSeconds(10));

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void listsEveryActorByName() {
        Actors.greeter(system, "b-greeter", 10);
        Actors.greeter(system, "a-greeter", 0);

        List<LuaActorsEndpoint.ActorSummary> actors = endpoint.actors().actors();

        assertThat(actors).extracting(LuaActorsEndpoint.ActorSummary::name).containsExactly("a-greeter", "b-greeter");
        LuaActorsEndpoint.ActorSummary a = actors.get(0);
        assertThat(a.script()).isEqualTo("inline");
        assertThat(a.mailbox()).isEqualTo(new LuaActorsEndpoint.MailboxDescriptor(0, 0, null));
        assertThat(a.lastError()).isNull();
    }

    @Test
    void showsTheStoreAndRevisionOfEachActor() {
        Actors.greeter(system, "plain", 0);
        LuaActorRef durable = LuaActorBuilder.create().name("durable").onHandle("ctx.state.n = (ctx.state.n or 0) + 1")
                .state(StateSettings.durable(new InMemoryLuaStateStore())).start(system);
        durable.send(LuaMessage.from(1)).join();
        durable.send(LuaMessage.from(1)).join();

        assertThat(endpoint.actor("durable").durableState())
                .isEqualTo(new LuaActorsEndpoint.StateDescriptor("in-memory", 2L));
        assertThat(endpoint.actor("plain").durableState())
                .isEqualTo(new LuaActorsEndpoint.StateDescriptor("memory", null));
        assertThat(endpoint.actors().actors()).extracting(LuaActorsEndpoint.ActorSummary::durableState)
                .extracting(LuaActorsEndpoint.StateDescriptor::store).containsExactly("in-memory", "memory");
    }

    @Test
    void describesOneActorWithItsCounters() {
        LuaActorRef greeter = Actors.greeter(system, "greeter", 10);
        greeter.send(LuaMessage.from("x")).join();
        greeter.send(LuaMessage.from("boom")).exceptionally(e -> null).join();

        LuaActorsEndpoint.ActorDescriptor actor = endpoint.actor("greeter");

        assertThat(actor).isNotNull();
        assertThat(actor.state()).isEqualTo("RUNNING");
        assertThat(actor.alive()).isTrue();
        assertThat(actor.received()).isEqualTo(2);
        assertThat(actor.processed()).isEqualTo(2);
        assertThat(actor.succeeded()).isEqualTo(1);
        assertThat(actor.failed()).isEqualTo(1);
        // One entry per dead-letter reason (the enum gained undeliverable and quota-exceeded).
        assertThat(actor.rejected()).containsEntry("mailbox-full", 0L)
            .hasSize(io.github.luaactor.core.DeadLetter.Reason.values().length);
        assertThat(actor.mailbox()).isEqualTo(new LuaActorsEndpoint.MailboxDescriptor(0, 10, 0.0));
        assertThat(actor.lastError()).containsEntry("type", "LuaScriptException");
    }

    @Test
    void anUnknownActorIsNull() {
        assertThat(endpoint.actor("nobody")).isNull();
    }

    @Test
    void showsAFailedActorThatTheSystemForgot() {
        LuaActorRef fragile = Actors.fragile(system, "fragile");
        fragile.send(LuaMessage.from(1)).exceptionally(e -> null).join();
        await().until(() -> fragile.state() == ActorState.FAILED);

        assertThat(endpoint.actor("fragile")).isNotNull().extracting(LuaActorsEndpoint.ActorDescriptor::state)
                .isEqualTo("FAILED");
    }

    @Test
    void sendsJsonValuesAsLuaMessagesAndRepliesWithJson() {
        LuaActorBuilder.create().name("echo").onHandle("""
                if type(ctx.msg) == 'table' then
                  return { kind = 'table', n = ctx.msg.n + 1, first = ctx.msg.list and ctx.msg.list[1] }
                end
                return { type(ctx.msg), ctx.msg }
                """).start(system);

        Map<String, Object> message = new LinkedHashMap<>();
        message.put("n", 41);
        message.put("list", List.of("a", "b"));
        assertThat(endpoint.send("echo", message, null).reply())
                .isEqualTo(Map.of("kind", "table", "n", 42L, "first", "a"));
        assertThat(endpoint.send("echo", 7, null).reply()).isEqualTo(List.of("number", 7L));
        assertThat(endpoint.send("echo", 2.5, null).reply()).isEqualTo(List.of("number", 2.5));
        assertThat(endpoint.send("echo", "hi", null).reply()).isEqualTo(List.of("string", "hi"));
        assertThat(endpoint.send("echo", true, null).reply()).isEqualTo(List.of("boolean", true));
        assertThat(endpoint.send("echo", new BigInteger("12"), null).reply()).isEqualTo(List.of("number", 12L));
        assertThat(endpoint.send("echo", null, null).reply()).isEqualTo(List.of("nil"));
    }

    @Test
    void acceptsAMessageGivenAsJsonText() {
        LuaActorBuilder.create().name("echo").onHandle("return { type(ctx.msg), ctx.msg.n and ctx.msg.n + 1 }")
                .start(system);

        assertThat(endpoint.send("echo", "{\"n\": 41}", "json").reply()).isEqualTo(List.of("table", 42L));
        assertThat(endpoint.send("echo", "\"text\"", "json").reply()).isEqualTo(List.of("string"));
    }

    @Test
    void badJsonTextOrAnUnknownEncodingIsABadRequest() {
        Actors.greeter(system, "greeter", 10);

        assertThatExceptionOfType(LuaActorsEndpointException.class)
                .isThrownBy(() -> endpoint.send("greeter", "{not json", "json"))
                .satisfies(e -> assertThat(e.status()).isEqualTo(400));
        assertThatExceptionOfType(LuaActorsEndpointException.class)
                .isThrownBy(() -> endpoint.send("greeter", "x", "yaml"))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat((String) e.body().get("message")).contains("yaml");
                });
    }

    @Test
    void theRequestBodyAdviceParsesNonStringMessagesOnceIntoLuaMessages() {
        assertThat(arguments("{\"message\": {\"n\": 41, \"list\": [1, 2.5, true]}}"))
                .isEqualTo(Map.of("message", LuaMessage.from(Map.of("n", 41, "list", List.of(1, 2.5, true)))));
        assertThat(arguments("{\"message\": 7}")).isEqualTo(Map.of("message", LuaMessage.from(7)));
        assertThat(arguments("{\"message\": \"plain\"}")).isEqualTo(Map.of("message", "plain"));
        assertThat(arguments("{\"message\": 7, \"encoding\": \"json\"}"))
                .as("with an encoding the message stays the text Actuator reads")
                .isEqualTo(Map.of("message", "7", "encoding", "json"));
        assertThat(arguments("{\"message\": null}")).containsEntry("message", null);
        assertThat(arguments("[1]")).as("not an object: left to Actuator").isNull();
        assertThat(arguments("{\"message\": 1, \"other\": {}}")).as("not what Actuator reads: left to it").isNull();
        assertThat(arguments("{\"message\": [1,")).isNull();
    }

    @Test
    void theRequestBodyAdviceOnlyAppliesToTheSendOperation() {
        LuaActorsRequestBodyAdvice advice = new LuaActorsRequestBodyAdvice("actors");
        MethodParameter body = new MethodParameter(
                BodyHolder.class.getDeclaredMethods()[0], 0);
        try {
            MockHttpServletRequest request = new MockHttpServletRequest();
            RequestContextHolder.setRequestAttributes(
                    new ServletRequestAttributes(request));
            request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
                    "/actuator/actors/{name}");
            assertThat(advice.supports(body, Map.class, null)).isTrue();
            request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
                    "/actuator/actors/{name}/{action}");
            assertThat(advice.supports(body, Map.class, null)).isFalse();
            request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
                    "/actuator/loggers/{name}");
            assertThat(advice.supports(body, Map.class, null)).isFalse();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    interface BodyHolder {
        void handle(Map<String, String> body);
    }

    private static Map<String, Object> arguments(String body) {
        return new LuaActorsRequestBodyAdvice("luaactors").arguments(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReplyOfNilIsNull() {
        LuaActorBuilder.create().name("quiet").onHandle("return nil").start(system);

        LuaActorsEndpoint.SendResult result = endpoint.send("quiet", "x", null);

        assertThat(result.actor()).isEqualTo("quiet");
        assertThat(result.reply()).isNull();
    }

    @Test
    void aLuaErrorIsAClearError() {
        Actors.greeter(system, "greeter", 10);

        assertThatExceptionOfType(LuaActorsEndpointException.class)
                .isThrownBy(() -> endpoint.send("greeter", "boom", null))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.body()).containsEntry("error", "lua-error").containsEntry("actor", "greeter")
                            .containsEntry("line", 1).containsKey("chunk");
                    assertThat((String) e.body().get("message")).contains("kaboom");
                });
    }

    @Test
    void sendingToAnUnknownActorIsNotFound() {
        assertThatExceptionOfType(LuaActorsEndpointException.class)
                .isThrownBy(() -> endpoint.send("nobody", "x", null))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.body()).containsEntry("error", "not-found");
                });
    }

    @Test
    void aFullMailboxIsTooManyRequests() {
        LuaActorRef greeter = Actors.greeter(system, "greeter", 1);
        Actors.pause(greeter);
        greeter.doSend(LuaMessage.from(1));

        assertThatExceptionOfType(LuaActorsEndpointException.class)
                .isThrownBy(() -> endpoint.send("greeter", "x", null))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.body()).containsEntry("error", "mailbox-full");
                });
    }

    @Test
    void aStoppedActorIsAConflict() {
        LuaActorRef fragile = Actors.fragile(system, "fragile");
        fragile.send(LuaMessage.from(1)).exceptionally(e -> null).join();
        await().until(() -> fragile.state() == ActorState.FAILED);

        assertThatExceptionOfType(LuaActorsEndpointException.class)
                .isThrownBy(() -> endpoint.send("fragile", "x", null))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.body()).containsEntry("error", "actor-stopped");
                });
    }

    @Test
    void aValueWithoutALuaShapeIsABadRequest() {
        Actors.greeter(system, "greeter", 10);

        assertThatExceptionOfType(LuaActorsEndpointException.class)
                .isThrownBy(() -> endpoint.send("greeter", new Object(), null))
                .satisfies(e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void reloadsTheHandler() {
        LuaActorRef greeter = Actors.greeter(system, "greeter", 10);

        LuaActorsEndpoint.ReloadResult result = endpoint.reload("greeter", "reload", "return 'bye ' .. ctx.msg");

        assertThat(result.reloaded()).isTrue();
        assertThat(greeter.send(LuaMessage.from("x")).join()).isEqualTo(LuaMessage.from("bye x"));
    }

    @Test
    void aSyntaxErrorInAReloadIsABadRequestAndKeepsTheOldHandler() {
        LuaActorRef greeter = Actors.greeter(system, "greeter", 10);

        assertThatExceptionOfType(LuaActorsEndpointException.class)
                .isThrownBy(() -> endpoint.reload("greeter", "reload", "return 'unterminated"))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).containsEntry("error", "syntax-error").containsKey("message");
                });
        assertThat(greeter.send(LuaMessage.from("x")).join()).isEqualTo(LuaMessage.from("hi x"));
    }

    @Test
    void aReloadSourceAboveTheLimitIsRefusedNamingSizeAndLimit() {
        LuaActorRef greeter = Actors.greeter(system, "greeter", 10);
        LuaActorsEndpoint small = new LuaActorsEndpoint(system, tracker, Duration.ofSeconds(10),
                DataSize.ofBytes(100));
        String source = "return 'bye' -- " + "x".repeat(100);

        assertThatExceptionOfType(LuaActorsEndpointException.class)
                .isThrownBy(() -> small.reload("greeter", "reload", source))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.body()).containsEntry("error", "source-too-large").containsEntry("actor", "greeter")
                            .containsEntry("size", (long) source.length()).containsEntry("limit", 100L);
                    assertThat(e.getMessage()).contains(source.length() + " bytes").contains("limit is 100 bytes")
                            .contains("lua-actor.endpoint.max-reload-source-size");
                });
        assertThat(greeter.send(LuaMessage.from("x")).join()).as("the old handler stays").isEqualTo(
                LuaMessage.from("hi x"));
        assertThat(small.reload("greeter", "reload", "return 'bye'").reloaded()).as("at most the limit").isTrue();
    }

    @Test
    void theLimitCountsUtf8Bytes() {
        Actors.greeter(system, "greeter", 10);
        LuaActorsEndpoint small = new LuaActorsEndpoint(system, tracker, Duration.ofSeconds(10),
                DataSize.ofBytes(40));
        // 20 chars, but 40 bytes in the string literal alone
        String source = "return '" + "\u00e9".repeat(20) + "'";

        assertThatExceptionOfType(LuaActorsEndpointException.class)
                .isThrownBy(() -> small.reload("greeter", "reload", source))
                .satisfies(e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void listsActorsThatStoppedForGoodWithWhy() {
        LuaActorRef stoppedOne = Actors.greeter(system, "quitter", 10);
        stoppedOne.send(LuaMessage.from("x")).join();
        stoppedOne.stop().join();
        LuaActorRef fragile = Actors.fragile(system, "fragile");
        fragile.send(LuaMessage.from("x")).exceptionally(e -> null).join();
        await().until(() -> fragile.state() == ActorState.FAILED);
        Actors.greeter(system, "greeter", 10);

        LuaActorsEndpoint.ActorsDescriptor all = endpoint.actors();

        assertThat(all.actors()).extracting(LuaActorsEndpoint.ActorSummary::name)
                .as("running and failed actors, as before").containsExactly("fragile", "greeter");
        assertThat(all.stopped()).extracting(LuaActorsEndpoint.StoppedActorDescriptor::name,
                LuaActorsEndpoint.StoppedActorDescriptor::reason, LuaActorsEndpoint.StoppedActorDescriptor::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("quitter", "stopped", "STOPPED"),
                        org.assertj.core.groups.Tuple.tuple("fragile", "failed", "FAILED"));
        LuaActorsEndpoint.StoppedActorDescriptor quitter = all.stopped().get(0);
        assertThat(quitter.processed()).isEqualTo(1);
        assertThat(quitter.lastError()).isNull();
        assertThat(all.stopped().get(1).lastError()).containsKey("message");
    }

    @Test
    void anUnknownActionIsNotFound() {
        Actors.greeter(system, "greeter", 10);

        assertThatExceptionOfType(LuaActorsEndpointException.class)
                .isThrownBy(() -> endpoint.reload("greeter", "restart", "return 1"))
                .satisfies(e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aReplyThatIsNotUtf8IsShownWithReplacementCharacters() {
        LuaActorBuilder.create().name("binary").onHandle("return { s = 'ok\\255', ['\\254'] = 1 }").start(system);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "ok\ufffd");
        expected.put("\ufffd", 1L);
        assertThat(endpoint.send("binary", null, null).reply()).isEqualTo(expected);
    }

    @Test
    void repliesBecomePlainJsonValues() {
        assertThat(JsonMessages.toJson(LuaMessage.table(1L, "a", 3L, "c"))).isEqualTo(Map.of("1", "a", "3", "c"));
        assertThat(JsonMessages.toJson(LuaMessage.from(Double.NaN))).isEqualTo("NaN");
        assertThat(JsonMessages.toJson(LuaMessage.from(Arrays.asList(1, 2)))).isEqualTo(List.of(1L, 2L));
        assertThat(JsonMessages.toMessage(new BigDecimal("1.5"))).isEqualTo(LuaMessage.from(1.5));
        assertThat(JsonMessages.toMessage(new BigInteger("123456789012345678901234567890")))
                .isInstanceOf(LuaMessage.Num.class);
    }
}
