package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void readmeExample() throws Exception {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef adder = LuaActorBuilder.create().name("adder").onHandle("return ctx.msg + 42").start(system);
            assertThat(adder.send(LuaMessage.from(100)).get(5, TimeUnit.SECONDS)).isEqualTo(new LuaMessage.Int(142));
            system.addRecipient("callback", msg -> LuaMessage.from("got " + msg.toJava()));
            LuaActorRef caller = LuaActorBuilder.create().onHandle("return ctx.send('callback', ctx.msg) .. '!'").start(system);
            assertThat(caller.send(LuaMessage.from("x")).get(5, TimeUnit.SECONDS)).isEqualTo(LuaMessage.from("got x!"));
            LuaActorRef b = LuaActorBuilder.create().name("b").onHandle("return ctx.send('a2', ctx.msg) + 1").start(system);
            LuaActorRef a2 = LuaActorBuilder.create().name("a2").onHandle("if ctx.msg > 10 then return ctx.msg end return ctx.send('b', ctx.msg * 2)").start(system);
            assertThat(a2.send(LuaMessage.from(3)).get(5, TimeUnit.SECONDS)).isEqualTo(LuaMessage.from(14L));
        }
    }
}
