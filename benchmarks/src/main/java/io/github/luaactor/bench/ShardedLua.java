package io.github.luaactor.bench;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Pekko Cluster Sharding baseline's entity: what a user would write by hand to spread Lua actors over a Pekko
 * cluster. Each entity holds its own LuaJ {@code Globals} with the handler compiled once, like {@link PekkoLua}'s
 * actors; the messages cross members, so they are small records with their own serializer
 * ({@link ShardedLuaSerializer}).
 */
final class ShardedLua {
    static final EntityTypeKey<Cmd> ADDER = EntityTypeKey.create(Cmd.class, "adder");
    private static final LuaString MSG = LuaString.valueOf("msg");

    /** Every message that may cross members: the serializer binding names this type. */
    interface Wire {
    }

    sealed interface Cmd extends Wire permits Ask, Where {
    }

    /** Runs the handler with {@code ctx.msg = value} and answers with its result. */
    record Ask(int value, ActorRef<Answer> replyTo) implements Cmd {
    }

    /** Answers with the artery port of the member the entity runs on, to find an entity owned by another member. */
    record Where(ActorRef<Answer> replyTo) implements Cmd {
    }

    record Answer(int value) implements Wire {
    }

    private ShardedLua() {
    }

    /** An entity on the member listening on {@code port}, running {@code script}. */
    static Behavior<Cmd> entity(String script, int port) {
        return Behaviors.setup(context -> {
            Globals globals = JsePlatform.standardGlobals();
            LuaTable ctx = new LuaTable();
            ctx.set("state", new LuaTable());
            globals.set("ctx", ctx);
            LuaValue chunk = globals.load(script, "handler");
            return Behaviors.receiveMessage(message -> {
                switch (message) {
                    case Ask a -> {
                        ctx.set(MSG, LuaValue.valueOf(a.value()));
                        LuaValue result = chunk.call();
                        a.replyTo().tell(new Answer(result.isnil() ? 0 : result.toint()));
                    }
                    case Where w -> w.replyTo().tell(new Answer(port));
                }
                return Behaviors.same();
            });
        });
    }
}
