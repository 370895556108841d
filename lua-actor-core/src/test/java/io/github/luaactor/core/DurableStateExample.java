package io.github.luaactor.core;

import io.github.luaactor.core.state.InMemoryLuaStateStore;
import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateSettings;

/** The Java example of docs/state.md (copied there word for word; run by DurableStateTest). */
final class DurableStateExample {
    private DurableStateExample() {
    }

    static LuaMessage countTwiceInTwoSystems() {
        LuaStateStore store = new InMemoryLuaStateStore(); // or new JdbcLuaStateStore(dataSource)
        String visits = "ctx.state.n = (ctx.state.n or 0) + 1 return ctx.state.n";
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef counter = LuaActorBuilder.create().name("visits").onHandle(visits)
                    .state(StateSettings.durable(store)).start(system);
            counter.send(LuaMessage.from("hello")).join();               // saved: n = 1, revision 1
        }
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef counter = LuaActorBuilder.create().name("visits").onHandle(visits)
                    .state(StateSettings.durable(store)).start(system);
            return counter.send(LuaMessage.from("again")).join();        // loaded n = 1, replies 2
        }
    }
}
