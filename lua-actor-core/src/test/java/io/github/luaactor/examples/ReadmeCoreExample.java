package io.github.luaactor.examples;

// README.md ("Without Spring, the core is a plain library") copies this file from its imports on, and
// docs/recipients.md its try block; DocsTest runs it. It lives outside the core's package so that its imports are
// the ones an application needs.

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;

public final class ReadmeCoreExample {
    public static String addFortyTwo() throws Exception {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            system.addRecipient("callback", msg -> LuaMessage.from("got " + msg.toJava()));
            LuaActorRef adder = LuaActorBuilder.create()
                .name("adder")
                .onHandle("return ctx.send('callback', ctx.msg + 42)")
                .start(system);
            LuaMessage reply = adder.send(LuaMessage.from(100)).get();   // LuaMessage.Str[value=got 142]
            return reply.toJava().toString();
        }
    }
}
