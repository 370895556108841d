package io.github.luaactor.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The baseline: what a user would write by hand instead of this project: a Pekko typed actor holding a LuaJ
 * {@code Globals} (standard libraries), the same script compiled once per actor, and a {@code ctx} table with
 * {@code msg} and {@code state}. For Lua-to-Lua requests the handler runs in a LuaJ coroutine that yields at
 * {@code ctx.send} and is resumed when the reply message arrives.
 */
final class PekkoLua {
    static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);
    private static final LuaString MSG = LuaString.valueOf("msg");

    sealed interface Msg permits Tell, Ask, Call, Reply {
    }

    /** Fire and forget. */
    record Tell(int value) implements Msg {
    }

    /** Request from Java (through {@link AskPattern}). */
    record Ask(int value, ActorRef<Integer> replyTo) implements Msg {
    }

    /** Request from another Lua actor, answered with a {@link Reply} carrying the same id. */
    record Call(int value, long id, ActorRef<Msg> replyTo) implements Msg {
    }

    record Reply(long id, int value) implements Msg {
    }

    private PekkoLua() {
    }

    static ActorSystem<Void> system(String name) {
        Config config = ConfigFactory.parseString("""
                pekko.loglevel = WARNING
                pekko.stdout-loglevel = WARNING
                pekko.log-dead-letters = off
                pekko.log-dead-letters-during-shutdown = off
                """).withFallback(ConfigFactory.load());
        return ActorSystem.create(Behaviors.empty(), name, config);
    }

    static ActorRef<Msg> spawn(ActorSystem<?> system, Behavior<Msg> behavior, String name) {
        return system.systemActorOf(behavior, name, Props.empty());
    }

    /**
     * Tells {@code messages} copies of {@code tell} to {@code actor}, then asks it once: the reply means the last
     * tell was handled (the baseline side of the tell workloads, as {@link Waits#tellThenAsk} is the project's).
     */
    static Integer tellThenAsk(ActorSystem<?> system, ActorRef<Msg> actor, Tell tell, int messages) throws Exception {
        for (int i = 0; i < messages; i++) {
            actor.tell(tell);
        }
        return ask(system, actor, 1).get(60, TimeUnit.SECONDS);
    }

    static CompletableFuture<Integer> ask(ActorSystem<?> system, ActorRef<Msg> actor, int value) {
        return AskPattern.<Msg, Integer>ask(actor, replyTo -> new Ask(value, replyTo), ASK_TIMEOUT,
                system.scheduler()).toCompletableFuture();
    }

    static void terminate(ActorSystem<?> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int toInt(LuaValue v) {
        return v.isnil() ? 0 : v.toint();
    }

    /**
     * One Lua VM per actor; the handler runs directly on the dispatcher thread. {@code handled}, when not null,
     * counts handled messages so that a benchmark can tell when a burst is done.
     */
    static Behavior<Msg> luaActor(String script, LongAdder handled) {
        return luaActor(script, handled, globals -> {
        });
    }

    /** As {@link #luaActor(String, LongAdder)}, with {@code setup} adding globals (a module) before the load. */
    static Behavior<Msg> luaActor(String script, LongAdder handled, java.util.function.Consumer<Globals> setup) {
        return Behaviors.setup(context -> {
            Globals globals = JsePlatform.standardGlobals();
            setup.accept(globals);
            LuaTable ctx = new LuaTable();
            ctx.set("state", new LuaTable());
            ActorRef<Msg> self = context.getSelf();
            ctx.set("notify", new OneArgFunction() {
                @Override
                public LuaValue call(LuaValue value) {
                    self.tell(new Tell(value.checkint()));
                    return NONE;
                }
            });
            globals.set("ctx", ctx);
            LuaValue chunk = globals.load(script, "handler");
            return Behaviors.receiveMessage(message -> {
                switch (message) {
                    case Tell t -> {
                        ctx.set(MSG, LuaValue.valueOf(t.value()));
                        chunk.call();
                    }
                    case Ask a -> {
                        ctx.set(MSG, LuaValue.valueOf(a.value()));
                        a.replyTo().tell(toInt(chunk.call()));
                    }
                    case Call c -> {
                        ctx.set(MSG, LuaValue.valueOf(c.value()));
                        c.replyTo().tell(new Reply(c.id(), toInt(chunk.call())));
                    }
                    case Reply ignored -> {
                    }
                }
                if (handled != null) {
                    handled.increment();
                }
                return Behaviors.same();
            });
        });
    }

    /**
     * A Lua actor whose handler may call {@code ctx.send(name, msg)}: each message runs in a new LuaJ coroutine,
     * {@code ctx.send} sends a {@link Call} and yields; the {@link Reply} resumes the coroutine. The actor keeps
     * handling other messages meanwhile (64 requests in flight means 64 suspended coroutines).
     */
    static Behavior<Msg> coroutineActor(String script, Map<String, ActorRef<Msg>> peers) {
        return Behaviors.setup(context -> {
            Globals globals = JsePlatform.standardGlobals();
            LuaTable ctx = new LuaTable();
            ctx.set("state", new LuaTable());
            ActorRef<Msg> self = context.getSelf();
            long[] ids = new long[2]; // [0] next id, [1] id of the last ctx.send
            ctx.set("send", new TwoArgFunction() {
                @Override
                public LuaValue call(LuaValue name, LuaValue value) {
                    ActorRef<Msg> target = peers.get(name.checkjstring());
                    long id = ++ids[0];
                    ids[1] = id;
                    target.tell(new Call(value.checkint(), id, self));
                    Varargs reply = globals.yield(NONE);
                    return reply.arg1();
                }
            });
            globals.set("ctx", ctx);
            LuaValue chunk = globals.load(script, "handler");
            record Pending(LuaThread coroutine, LuaValue message, ActorRef<Integer> replyTo) {
            }
            Map<Long, Pending> pending = new HashMap<>();
            return Behaviors.receiveMessage(message -> {
                Pending p;
                Varargs result;
                switch (message) {
                    case Ask a -> {
                        LuaValue msg = LuaValue.valueOf(a.value());
                        p = new Pending(new LuaThread(globals, chunk), msg, a.replyTo());
                        ctx.set(MSG, msg);
                        result = p.coroutine().resume(LuaValue.NONE);
                    }
                    case Reply r -> {
                        p = pending.remove(r.id());
                        ctx.set(MSG, p.message());
                        result = p.coroutine().resume(LuaValue.valueOf(r.value()));
                    }
                    default -> throw new IllegalArgumentException("unexpected " + message);
                }
                if (!result.arg1().toboolean()) {
                    throw new IllegalStateException("Lua error: " + result.arg(2));
                }
                if ("dead".equals(p.coroutine().getStatus())) {
                    p.replyTo().tell(toInt(result.arg(2)));
                } else {
                    pending.put(ids[1], p);
                }
                return Behaviors.same();
            });
        });
    }
}
