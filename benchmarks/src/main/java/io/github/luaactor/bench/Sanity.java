package io.github.luaactor.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/** Checks, before measuring, that every implementation computes what the workloads expect. */
final class Sanity {
    private Sanity() {
    }

    static void check() throws Exception {
        try (LuaActorSystem system = LuaActorSystem.create()) {
            LuaActorRef adder = LuaActorBuilder.create().name("adder").onHandle(Scripts.ADD_42).start(system);
            expect("project ask", 142, adder.send(LuaMessage.from(100)).get(10, TimeUnit.SECONDS));
            LuaActorBuilder.create().name("B").onHandle(Scripts.ADD_1).start(system);
            LuaActorRef a = LuaActorBuilder.create().name("A").onHandle(Scripts.ASK_B).start(system);
            expect("project lua-to-lua", 102, a.send(LuaMessage.from(100)).get(10, TimeUnit.SECONDS));
            LuaActorRef counter = LuaActorBuilder.create().name("counter").onHandle(Scripts.ADD_TO_STATE + "\n"
                    + "return ctx.state.n").mailboxCapacity(0).start(system);
            for (int i = 0; i < 999; i++) {
                counter.doSend(LuaMessage.from(1));
            }
            expect("project tell", 1000, counter.send(LuaMessage.from(1)).get(10, TimeUnit.SECONDS));
            LuaActorRef busy = LuaActorBuilder.create().name("busy").onHandle(Scripts.BUSY_CHAIN).start(system);
            busy.doSend(LuaMessage.from(50));
            new ProjectCounters(new LuaActorRef[] {busy}).awaitEach(50);
        }
        ActorSystem<Void> system = PekkoLua.system("sanity");
        try {
            ActorRef<PekkoLua.Msg> adder = PekkoLua.spawn(system, PekkoLua.luaActor(Scripts.ADD_42, null), "adder");
            expect("pekko ask", 142, PekkoLua.ask(system, adder, 100).get(10, TimeUnit.SECONDS));
            ActorRef<PekkoLua.Msg> b = PekkoLua.spawn(system, PekkoLua.luaActor(Scripts.ADD_1, null), "B");
            ActorRef<PekkoLua.Msg> a = PekkoLua.spawn(system, PekkoLua.coroutineActor(Scripts.ASK_B,
                    Map.of("B", b)), "A");
            expect("pekko lua-to-lua", 102, PekkoLua.ask(system, a, 100).get(10, TimeUnit.SECONDS));
            ActorRef<PekkoLua.Msg> counter = PekkoLua.spawn(system, PekkoLua.luaActor(Scripts.ADD_TO_STATE
                    + "\nreturn ctx.state.n", null), "counter");
            for (int i = 0; i < 999; i++) {
                counter.tell(new PekkoLua.Tell(1));
            }
            expect("pekko tell", 1000, PekkoLua.ask(system, counter, 1).get(10, TimeUnit.SECONDS));
            java.util.concurrent.atomic.LongAdder handled = new java.util.concurrent.atomic.LongAdder();
            ActorRef<PekkoLua.Msg> busy = PekkoLua.spawn(system, PekkoLua.luaActor(Scripts.BUSY_CHAIN, handled),
                    "busy");
            busy.tell(new PekkoLua.Tell(50));
            Waits.until(handled::sum, 50);
        } finally {
            PekkoLua.terminate(system);
        }
        System.out.println("Sanity check passed: all implementations compute the expected results.");
    }

    private static void expect(String what, long expected, Object actual) {
        long value = actual instanceof LuaMessage.Int i ? i.value() : actual instanceof Integer n ? n : Long.MIN_VALUE;
        if (value != expected) {
            throw new IllegalStateException(what + ": expected " + expected + " but got " + actual);
        }
    }
}
