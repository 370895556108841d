package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.luaactor.core.state.InMemoryLuaStateStore;
import io.github.luaactor.core.state.LuaStateCodec;
import io.github.luaactor.core.state.LuaStateStore;
import io.github.luaactor.core.state.StateConflictException;
import io.github.luaactor.core.state.StateSettings;
import io.github.luaactor.core.state.StateSnapshot;
import io.github.luaactor.core.state.StateStoreException;
import io.github.luaactor.core.state.StateTooLargeException;
import io.github.luaactor.core.state.StateWriteMode;
import org.junit.jupiter.api.Test;

class DurableStateTest extends ActorTestSupport {
    static final String COUNTER = "ctx.state.n = ctx.state.n or 0\n"
            + "if ctx.msg == 'fail' then ctx.state.n = -100 error('boom') end\n"
            + "if type(ctx.msg) == 'string' and #ctx.msg > 10 then ctx.state.big = ctx.msg end\n"
            + "ctx.state.n = ctx.state.n + 1\n"
            + "return ctx.state.n";

    private final FlakyStore store = new FlakyStore(new InMemoryLuaStateStore());

    private LuaActorRef counter(LuaActorSystem in, StateSettings state) {
        return LuaActorBuilder.create().name("counter").onHandle(COUNTER).state(state).start(in);
    }

    private static long saved(LuaStateStore store, String actor) {
        StateSnapshot snapshot = store.load(actor).orElseThrow();
        return LuaStateCodec.decode(actor, snapshot.bytes()).get("n").tolong();
    }

    @Test
    void stateSurvivesAStartInAnotherSystemAndIsLoadedBeforeOnStarted() {
        LuaActorRef first = counter(system, StateSettings.durable(store));
        assertThat(ask(first, 1)).isEqualTo(LuaMessage.from(1L));
        assertThat(ask(first, 1)).isEqualTo(LuaMessage.from(2L));
        assertThat(first.statistics().stateStore()).isEqualTo("memory-test");
        assertThat(first.statistics().stateRevision()).isEqualTo(2);
        system.close();

        system = newSystem();
        LuaActorRef again = LuaActorBuilder.create().name("counter").onHandle(COUNTER)
            .onStarted("ctx.state.seen_at_start = ctx.state.n").state(StateSettings.durable(store)).start(system);
        assertThat(ask(again, 1)).isEqualTo(LuaMessage.from(3L));
        StateSnapshot snapshot = store.load("counter").orElseThrow();
        assertThat(LuaStateCodec.decode("counter", snapshot.bytes()).get("seen_at_start").toint()).isEqualTo(2);
    }

    @Test
    void theDocumentedExampleCountsOnAcrossSystems() {
        assertThat(DurableStateExample.countTwiceInTwoSystems()).isEqualTo(LuaMessage.from(2L));
    }

    @Test
    void aFailedHandlerRollsBackToTheLastSavedState() {
        LuaActorRef actor = counter(system, StateSettings.durable(store));
        ask(actor, 1);
        assertThat(failureOf(actor.send(LuaMessage.from("fail")))).isInstanceOf(LuaScriptException.class);
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(2L));
    }

    @Test
    void aFailedSaveFailsTheMessageAndRollsBackUntilTheStoreReturns() {
        LuaActorRef actor = counter(system, StateSettings.durable(store));
        ask(actor, 1);
        store.down.set(true);
        Throwable failure = failureOf(actor.send(LuaMessage.from(1)));
        assertThat(failure).isInstanceOf(StateStoreException.class).hasMessageContaining("store is down");
        assertThat(failureOf(actor.send(LuaMessage.from(1)))).isInstanceOf(StateStoreException.class);
        assertThat(actor.statistics().failed()).isEqualTo(2);
        store.down.set(false);
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(2L));
        assertThat(saved(store, "counter")).isEqualTo(2);
    }

    @Test
    void aStoreThatIsDownAtStartFailsMessagesUntilItCanLoad() {
        store.down.set(true);
        LuaActorRef actor = LuaActorBuilder.create().name("counter").onHandle(COUNTER)
            .onStarted("ctx.state = { n = 10 }").state(StateSettings.durable(store)).start(system);
        assertThat(failureOf(actor.send(LuaMessage.from(1)))).isInstanceOf(StateStoreException.class)
            .hasMessageContaining("could not load");
        store.down.set(false);
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(11L));
    }

    @Test
    void aStateAboveTheLimitIsRefusedAndRolledBack() {
        LuaActorRef actor = counter(system, StateSettings.durable(store).withMaxStateSize(200));
        ask(actor, 1);
        Throwable failure = failureOf(actor.send(LuaMessage.from("x".repeat(500))));
        assertThat(failure).isInstanceOf(StateTooLargeException.class).hasMessageContaining("max-state-size (200");
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(2L));
    }

    @Test
    void aSecondWriterIsDetected() {
        LuaActorRef first = counter(system, StateSettings.durable(store));
        ask(first, 1);
        try (LuaActorSystem other = newSystem()) {
            LuaActorRef second = counter(other, StateSettings.durable(store));
            assertThat(ask(second, 1)).isEqualTo(LuaMessage.from(2L));
            Throwable conflict = failureOf(first.send(LuaMessage.from(1)));
            assertThat(conflict).isInstanceOf(StateConflictException.class)
                .hasMessageContaining("Lua actor 'counter'").hasMessageContaining("another process");
            assertThat(ask(second, 1)).isEqualTo(LuaMessage.from(3L));
        }
    }

    @Test
    void unsavableValuesFailTheMessageNamingThePath() {
        LuaActorRef actor = LuaActorBuilder.create().name("f").onHandle("ctx.state = { cb = print }")
            .state(StateSettings.durable(store)).start(system);
        assertThat(failureOf(actor.send(LuaMessage.from(1)))).isInstanceOf(StateStoreException.class)
            .hasMessageContaining("ctx.state.cb holds a value of type 'function'");
    }

    @Test
    void aFailedHandlerUnderWriteBehindKeepsTheUnsavedMessagesBeforeIt() {
        LuaActorRef actor = counter(system, StateSettings.durable(store).withWriteMode(StateWriteMode.WRITE_BEHIND)
            .withWriteInterval(Duration.ofHours(1)));
        ask(actor, 1);
        ask(actor, 1);
        assertThat(failureOf(actor.send(LuaMessage.from("fail")))).isInstanceOf(LuaScriptException.class);
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(3L));
    }

    @Test
    void aFailedWriteBehindSaveOnStopIsReportedAndNothingIsWritten() {
        LuaActorRef actor = counter(system, StateSettings.durable(store).withWriteMode(StateWriteMode.WRITE_BEHIND)
            .withWriteInterval(Duration.ofHours(1)));
        ask(actor, 1);
        ask(actor, 1);
        store.down.set(true);
        join(actor.stop());
        store.down.set(false);
        assertThat(store.load("counter")).isEmpty();
        assertThat(actor.statistics().lastError().type()).isEqualTo("StateStoreException");
    }

    @Test
    void writeBehindSavesOnStop() {
        LuaActorRef actor = counter(system, StateSettings.durable(store).withWriteMode(StateWriteMode.WRITE_BEHIND)
            .withWriteInterval(Duration.ofHours(1)));
        for (int i = 0; i < 50; i++) {
            actor.doSend(LuaMessage.from(1));
        }
        assertThat(ask(actor, 1)).isEqualTo(LuaMessage.from(51L));
        join(actor.stop());
        assertThat(saved(store, "counter")).isEqualTo(51);
        assertThat(store.saves.get()).isLessThan(51);
    }

    @Test
    void writeBehindSavesAfterTheIntervalWhenIdle() {
        LuaActorRef actor = counter(system, StateSettings.durable(store).withWriteMode(StateWriteMode.WRITE_BEHIND)
            .withWriteInterval(Duration.ofMillis(50)));
        ask(actor, 1);
        ask(actor, 1);
        org.awaitility.Awaitility.await().atMost(30, TimeUnit.SECONDS)
            .until(() -> store.load("counter").map(s -> saved(store, "counter")).orElse(0L) == 2);
    }

    @Test
    void aThousandActorsKeepExactCounts() {
        List<LuaActorRef> actors = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            actors.add(LuaActorBuilder.create().name("c" + i).onHandle(COUNTER).state(StateSettings.durable(store))
                .start(system));
        }
        for (int m = 0; m < 99; m++) {
            for (LuaActorRef actor : actors) {
                actor.doSend(LuaMessage.from(1));
            }
        }
        List<CompletableFuture<LuaMessage>> last = new ArrayList<>();
        for (LuaActorRef actor : actors) {
            last.add(actor.send(LuaMessage.from(1)));
        }
        for (int i = 0; i < actors.size(); i++) {
            assertThat(join(last.get(i))).isEqualTo(LuaMessage.from(100L));
            assertThat(saved(store, "c" + i)).isEqualTo(100);
        }
    }

    /** A store that can be switched off, and counts saves. */
    static final class FlakyStore implements LuaStateStore {
        final LuaStateStore delegate;
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger saves = new AtomicInteger();

        FlakyStore(LuaStateStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public String kind() {
            return "memory-test";
        }

        @Override
        public Optional<StateSnapshot> load(String actor) {
            check(actor, "load");
            return delegate.load(actor);
        }

        @Override
        public long save(String actor, byte[] state, long expectedRevision) {
            check(actor, "save");
            saves.incrementAndGet();
            return delegate.save(actor, state, expectedRevision);
        }

        @Override
        public void delete(String actor) {
            check(actor, "delete");
            delegate.delete(actor);
        }

        private void check(String actor, String operation) {
            if (down.get()) {
                throw new StateStoreException(actor, "could not " + operation + ": store is down");
            }
        }
    }
}
