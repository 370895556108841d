package io.github.luaactor.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@link RemoteActors} and {@link LuaStatePersistence}, the hooks a cluster module plugs in. */
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

    /** Keeps the state of actors named kept/*; refuses a state whose n is 3. */
    static final class Kept implements LuaStatePersistence {
        final List<Object> commits = new CopyOnWriteArrayList<>();
        volatile LuaMessage stored = LuaMessage.table("n", 10);

        @Override
        public boolean persists(String actor) {
            return actor.startsWith("kept/");
        }

        @Override
        public LuaMessage restore(String actor) {
            return stored;
        }

        @Override
        public void commit(String actor, LuaMessage state) {
            if (state instanceof LuaMessage.Table t && t.get("n").equals(LuaMessage.from(13))) {
                throw new LuaActorException(actor, "Lua actor '" + actor + "': refused");
            }
            commits.add(state.toJava());
            stored = state;
        }
    }

    private static final String COUNT = """
            ctx.state.n = (ctx.state.n or 0) + 1
            return ctx.state.n
            """;

    @Test
    void stateIsRestoredIntoTheVmAndCommittedBeforeEachReply() {
        Kept kept = new Kept();
        try (LuaActorSystem system = LuaActorSystem.builder().statePersistence(kept).build()) {
            LuaActorRef ref = LuaActorBuilder.create().name("kept/1").onHandle(COUNT).start(system);
            assertThat(ref.call(LuaMessage.from(0), TIMEOUT)).isEqualTo(LuaMessage.from(11));
            assertThat(ref.send(LuaMessage.from(0)).join()).isEqualTo(LuaMessage.from(12));
            assertThat(kept.commits).containsExactly(java.util.Map.of("n", 11L), java.util.Map.of("n", 12L));
            // A refused commit fails the message and puts the last committed state back (here: another writer's).
            kept.stored = LuaMessage.table("n", 20);
            assertThatThrownBy(() -> ref.call(LuaMessage.from(0), TIMEOUT)).hasMessageContaining("refused");
            assertThat(kept.commits).hasSize(2);
            assertThat(ref.call(LuaMessage.from(0), TIMEOUT)).isEqualTo(LuaMessage.from(21));
        }
    }

    @Test
    void anActorWithNothingCommittedStartsWithTheUsualEmptyTable() {
        Kept kept = new Kept();
        kept.stored = LuaMessage.NIL;
        try (LuaActorSystem system = LuaActorSystem.builder().statePersistence(kept).build()) {
            LuaActorRef ref = LuaActorBuilder.create().name("kept/new").onHandle(COUNT).start(system);
            assertThat(ref.call(LuaMessage.from(0), TIMEOUT)).isEqualTo(LuaMessage.from(1));
        }
    }

    @Test
    void actorsTheHookDoesNotPersistKeepTheirStateInTheVm() {
        Kept kept = new Kept();
        try (LuaActorSystem system = LuaActorSystem.builder().statePersistence(kept).build()) {
            LuaActorRef ref = LuaActorBuilder.create().name("plain").onHandle(COUNT).start(system);
            assertThat(ref.call(LuaMessage.from(0), TIMEOUT)).isEqualTo(LuaMessage.from(1));
            assertThat(ref.call(LuaMessage.from(0), TIMEOUT)).isEqualTo(LuaMessage.from(2));
            assertThat(kept.commits).isEmpty();
        }
    }

    @Test
    void aStateThatCannotBeKeptFailsTheMessageNamingTheActor() {
        try (LuaActorSystem system = LuaActorSystem.builder().statePersistence(new Kept()).build()) {
            LuaActorRef ref = LuaActorBuilder.create().name("kept/fn").onHandle("ctx.state = { f = print }")
                    .start(system);
            assertThatThrownBy(() -> ref.call(LuaMessage.from(0), TIMEOUT))
                    .hasMessageContaining("kept/fn").hasMessageContaining("ctx.state cannot be committed");
        }
    }
}
