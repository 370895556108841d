package io.github.luaactor.core;

/** README.md ("Without Spring, the core is a plain library") copies {@link #addFortyTwo()}; DocsTest runs it. */
final class ReadmeCoreExample {

    private ReadmeCoreExample() {
    }

    static String addFortyTwo() throws Exception {
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
