package io.github.luaactor.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.luaactor.core.state.InMemoryLuaStateStore;
import io.github.luaactor.core.state.LuaStateCodec;
import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateConflictException;
import io.github.luaactor.core.state.StateSettings;
import io.github.luaactor.core.state.StateSnapshot;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@link RemoteActors}, and a {@link LuaStateStore} that reloads after a conflict: what a cluster module uses. */
class ClusterExtensionPointsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Handles names under far/ by echoing them with the message; records fire-and-forget messages. */
    static final class FarAway implements RemoteActors {
        final List<String> told = new CopyOnWriteArrayList<>();

        @Override
        public boolean handles(String name) {
            return name.startsWith("far/");
        }

        @Override
        public CompletableFuture<LuaMessage> ask(String name, LuaMessage message, String sender) {
            return CompletableFuture.completedFuture(LuaMessage.from(name + ":" + message.toJava() + " from " + sender));
        }

        @Override
        public void tell(String name, LuaMessage message, String sender) {
            told.add(name + ":" + message.toJava());
        }
    }

    @Test
    void namesThisSystemDoesNotHoldGoToRemoteActorsAndOthersStayUnknown() {
        FarAway far = new FarAway();
        try (LuaActorSystem system = LuaActorSystem.builder().remoteActors(far).build()) {
            LuaActorRef a = LuaActorBuilder.create().name("a").onHandle("""
                    ctx.do_send('far/2', 'hi')
                    return ctx.send('far/1', ctx.msg)
                    """).start(system);
            assertThat(a.call(LuaMessage.from(7), TIMEOUT)).isEqualTo(LuaMessage.from("far/1:7 from a"));
            await().atMost(TIMEOUT).until(() -> far.told.contains("far/2:hi"));
            LuaActorRef b = LuaActorBuilder.create().name("b").onHandle("return ctx.send('near', 1)").start(system);
            assertThatThrownBy(() -> b.call(LuaMessage.from(0), TIMEOUT))
                    .isInstanceOf(LuaScriptException.class).hasMessageContaining("near");
        }
    }

    @Test
    void localNamesWinOverRemoteActors() {
        try (LuaActorSystem system = LuaActorSystem.builder().remoteActors(new FarAway()).build()) {
            LuaActorBuilder.create().name("far/local").onHandle("return 'here'").start(system);
            LuaActorRef a = LuaActorBuilder.create().name("a").onHandle("return ctx.send('far/local', 0)")
                    .start(system);
            assertThat(a.call(LuaMessage.from(0), TIMEOUT)).isEqualTo(LuaMessage.from("here"));
        }
    }

    /** A store whose conflicts mean that another member took the actor over (what a cluster's store says). */
    static final class MovingStore implements LuaStateStore {
        final InMemoryLuaStateStore delegate = new InMemoryLuaStateStore();

        @Override
        public String kind() {
            return "moving";
        }

        @Override
        public Optional<StateSnapshot> load(String actor) {
            return delegate.load(actor);
        }

        @Override
        public long save(String actor, byte[] state, long expectedRevision) {
            return delegate.save(actor, state, expectedRevision);
        }

        @Override
        public void delete(String actor) {
            delegate.delete(actor);
        }

        @Override
        public boolean reloadsAfterConflict() {
            return true;
        }
    }

    @Test
    void aStoreThatReloadsAfterAConflictHandsTheNewerStateToTheOldOwner() {
        MovingStore store = new MovingStore();
        try (LuaActorSystem system = LuaActorSystem.builder().build()) {
            LuaActorRef actor = LuaActorBuilder.create().name("c").onHandle("""
                    ctx.state.n = (ctx.state.n or 0) + 1
                    return ctx.state.n
                    """).state(StateSettings.durable(store)).start(system);
            assertThat(actor.call(LuaMessage.from(0), TIMEOUT)).isEqualTo(LuaMessage.from(1L));
            LuaTable newer = new LuaTable();
            newer.set("n", LuaValue.valueOf(100));
            // Another member saves behind this one's back, as a new owner would after a move.
            store.save("c", LuaStateCodec.encode("c", newer, 1024), 1);
            assertThatThrownBy(() -> actor.call(LuaMessage.from(0), TIMEOUT))
                    .isInstanceOf(StateConflictException.class);
            assertThat(actor.call(LuaMessage.from(0), TIMEOUT)).isEqualTo(LuaMessage.from(101L));
            assertThat(store.load("c").orElseThrow().revision()).isEqualTo(3);
        }
    }
}
