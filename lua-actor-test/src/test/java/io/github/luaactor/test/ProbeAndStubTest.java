package io.github.luaactor.test;

import static io.github.luaactor.test.LuaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;
import org.junit.jupiter.api.Test;

/** Probes record what actors send and reply as told; stubs stand in for Java recipients. */
@LuaActorTest
class ProbeAndStubTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aProbeRecordsFireAndForgetMessages(LuaActorTestKit kit) {
        LuaTestProbe metrics = kit.probe("metrics");
        LuaActorRef actor = kit.spawnSource("seen", "ctx.do_send('metrics', {event = 'seen', key = ctx.msg})");
        actor.doSend(LuaMessage.from("k1"));
        assertThat(metrics.expectMessage(WAIT)).isTable().containsEntry("event", "seen").containsEntry("key", "k1");
        kit.awaitQuiet();
        metrics.expectNoMessage(Duration.ZERO);
        assertThat(metrics.receivedMessages()).hasSize(1);
    }

    @Test
    void aProbeRepliesNilByDefaultAndWhatItIsToldLater(LuaActorTestKit kit) {
        LuaTestProbe accounts = kit.probe("accounts");
        LuaActorRef teller = kit.spawnSource("teller", "return ctx.send('accounts', {id = ctx.msg}) or 'none'");
        assertThat(kit.call(teller, 7)).hasValue("none");
        accounts.replyWith(message -> Map.of("balance", ((LuaMessage.Table) message).get("id")));
        assertThat(kit.call(teller, 7)).containsEntry("balance", 7);
        accounts.reply(100);
        assertThat(kit.call(teller, 8)).hasValue(100);
        assertThat(accounts.receivedMessages()).hasSize(3);
    }

    @Test
    void aFailingProbeRaisesInLua(LuaActorTestKit kit) {
        kit.probe("audit").failWith("audit is down");
        LuaActorRef actor = kit.spawnSource("auditor",
                "local ok, err = pcall(ctx.send, 'audit', 1) return ok and 'ok' or err");
        assertThat(kit.call(actor, 1).toJava().toString()).contains("audit is down");
    }

    @Test
    void expectMessageFailsClearly(LuaActorTestKit kit) {
        LuaTestProbe probe = kit.probe("quiet");
        assertThatThrownBy(() -> probe.expectMessage(Duration.ofMillis(10)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("'quiet'");
        kit.spawnSource("talker", "ctx.do_send('quiet', 'hello')").doSend(LuaMessage.from(1));
        assertThatThrownBy(() -> probe.expectMessage("goodbye", WAIT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("goodbye")
                .hasMessageContaining("hello");
    }

    @Test
    void expectNoMessageFailsWhenOneArrived(LuaActorTestKit kit) {
        LuaTestProbe probe = kit.probe("sink");
        kit.spawnSource("talker", "ctx.do_send('sink', 'hello')").doSend(LuaMessage.from(1));
        kit.awaitQuiet();
        assertThatThrownBy(() -> probe.expectNoMessage(Duration.ZERO))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("hello");
    }

    @Test
    void aStubAnswersCtxSend(LuaActorTestKit kit) {
        kit.recipient("prices", message -> LuaMessage.from(Map.of("eur", 12.5)));
        LuaActorRef shop = kit.spawnSource("shop", "return ctx.send('prices', ctx.msg).eur * 2");
        assertThat(kit.call(shop, "apple")).hasValue(25);
    }

    @Test
    void integralNumbersMatchAsLuaSendsThem(LuaActorTestKit kit) {
        LuaTestProbe probe = kit.probe("numbers");
        kit.spawnSource("sender", "ctx.do_send('numbers', {1.0, 2.5})").doSend(LuaMessage.NIL);
        probe.expectMessage(List.of(1.0, 2.5), WAIT);
    }
}
