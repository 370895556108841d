package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh system per test and helpers to wait for replies. */
abstract class ActorTestSupport {
    protected LuaActorSystem system;

    @BeforeEach
    void openSystem() {
        system = newSystem();
    }

    protected LuaActorSystem newSystem() {
        return LuaActorSystem.create();
    }

    @AfterEach
    void closeSystem() {
        system.close();
    }

    protected LuaActorRef actor(String name, String handle) {
        return LuaActorBuilder.create().name(name).onHandle(handle).start(system);
    }

    protected static LuaMessage ask(LuaActorRef actor, Object message) {
        return join(actor.send(LuaMessage.from(message)));
    }

    protected static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("Expected a reply but got " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The exception a future completed with. */
    protected static Throwable failureOf(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(() -> future.get(30, TimeUnit.SECONDS));
        assertThat(thrown).as("the future should fail").isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }
}
