package io.github.luaactor.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.github.luaactor.core.ActorState;
import io.github.luaactor.core.ActorStoppedException;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The actor bean before and after its actor starts. */
class DeferredLuaActorRefTests {

    private final LuaActorSystem system = LuaActorSystem.create();

    /** Appends each message to ctx.state.log and replies with the log so far. */
    private final LuaActorDefinition definition = new LuaActorDefinition("log",
            LuaScript.of("log.lua", "ctx.state.log = (ctx.state.log or '') .. ctx.msg return ctx.state.log"), null,
            null, null, UnaryOperator.identity(), "test");

    @AfterEach
    void close() {
        this.system.close();
    }

    @Test
    void beforeStartItIsStartingAndQueuesEverythingInOrder() throws Exception {
        DeferredLuaActorRef ref = new DeferredLuaActorRef(this.definition);
        assertThat(ref.state()).isEqualTo(ActorState.STARTING);
        assertThat(ref.isBound()).isFalse();
        assertThat(ref.scriptLocation()).isEqualTo("log.lua");
        CompletableFuture<LuaMessage> first = ref.send(LuaMessage.from("a"));
        ref.doSend(LuaMessage.from("b"));
        CompletableFuture<LuaMessage> third = ref.send(LuaMessage.from("c"));
        CompletableFuture<Void> terminated = ref.whenTerminated();
        assertThat(ref.statistics().mailboxSize()).isEqualTo(4);
        assertThat(first).isNotDone();

        ref.bind(this.definition.toBuilder().start(this.system));

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(LuaMessage.from("a"));
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(LuaMessage.from("abc"));
        assertThat(ref.state()).isEqualTo(ActorState.RUNNING);
        assertThat(ref.statistics().received()).isEqualTo(3);
        assertThat(terminated).isNotDone();
        ref.stop().get(10, TimeUnit.SECONDS);
        // The deferred future follows the actor's own through a callback, which may run just after stop()'s waiter
        // wakes: wait for it rather than race it.
        terminated.get(10, TimeUnit.SECONDS);
        assertThat(terminated).isCompletedWithValue(null);
        assertThat(ref.state()).isEqualTo(ActorState.STOPPED);
    }

    @Test
    void sendersRacingWithStartKeepTheirOrder() throws Exception {
        DeferredLuaActorRef ref = new DeferredLuaActorRef(this.definition);
        List<Thread> senders = new ArrayList<>();
        List<List<CompletableFuture<LuaMessage>>> replies = new ArrayList<>();
        for (String sender : List.of("x", "y", "z")) {
            List<CompletableFuture<LuaMessage>> mine = new ArrayList<>();
            replies.add(mine);
            senders.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200; i++) {
                    mine.add(ref.send(LuaMessage.from(sender)));
                }
            }));
        }
        ref.bind(this.definition.toBuilder().start(this.system));
        for (Thread sender : senders) {
            sender.join();
        }
        // each sender's replies grow, and each is a prefix of the next: its messages were handled in order
        for (List<CompletableFuture<LuaMessage>> mine : replies) {
            String previous = "";
            for (CompletableFuture<LuaMessage> reply : mine) {
                String log = (String) reply.get(10, TimeUnit.SECONDS).toJava();
                assertThat(log).startsWith(previous).hasSizeGreaterThan(previous.length());
                previous = log;
            }
        }
        String all = (String) replies.get(0).get(199).get().toJava();
        assertThat(all.chars().filter((c) -> c == 'x').count()).isEqualTo(200);
    }

    @Test
    void afterStopMessagesFailLikeTheActorItself() {
        DeferredLuaActorRef ref = new DeferredLuaActorRef(this.definition);
        LuaActorRef actor = this.definition.toBuilder().start(this.system);
        ref.bind(actor);
        ref.stop().join();
        assertThat(ref.target()).containsSame(actor);
        assertThatExceptionOfType(ActorStoppedException.class).isThrownBy(() -> ref.doSend(LuaMessage.from("late")));
    }

}
