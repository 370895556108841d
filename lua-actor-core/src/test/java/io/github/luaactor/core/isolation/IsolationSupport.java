package io.github.luaactor.core.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaScript;
import io.github.luaactor.core.LuaScriptResolver;

/** Helpers shared by the isolation tests: waiting for replies, messages no script could build, script resolvers. */
final class IsolationSupport {
    private IsolationSupport() {
    }

    static LuaMessage join(CompletableFuture<LuaMessage> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("Expected a reply but got " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The exception a future completed with; fails the test if it completed normally or not within a minute. */
    static Throwable failureOf(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(() -> future.get(60, TimeUnit.SECONDS));
        assertThat(thrown).as("the future should fail").isInstanceOf(ExecutionException.class);
        return thrown.getCause();
    }

    /** A table nested {@code depth} levels deep, built in Java (a script cannot send one deeper than 100). */
    static LuaMessage nested(int depth) {
        LuaMessage message = LuaMessage.from(1);
        for (int i = 0; i < depth; i++) {
            message = new LuaMessage.Table(Map.of("next", message));
        }
        return message;
    }

    /** Resolves script names from a map, for {@code ctx.new_actor}. */
    static LuaScriptResolver scripts(Map<String, String> sources) {
        return name -> Optional.ofNullable(sources.get(name)).map(source -> LuaScript.of(name + ".lua", source));
    }

    static List<Thread> platformThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isVirtual()).toList();
    }
}
