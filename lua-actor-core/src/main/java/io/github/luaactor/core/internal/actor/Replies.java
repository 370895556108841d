package io.github.luaactor.core.internal.actor;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.ReplyTimeoutException;

/** Waits for a reply on behalf of a blocking caller, turning the future's failures into the runtime's exceptions. */
public final class Replies {
    private Replies() {
    }

    /**
     * The reply, or the {@link LuaActorException} it failed with (rethrown as it is, so that its type and message
     * reach the caller unchanged), or {@link ReplyTimeoutException} when the timeout passes first.
     */
    public static LuaMessage await(String actor, CompletableFuture<LuaMessage> reply, Duration timeout) {
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ReplyTimeoutException(actor, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LuaActorException(actor, "interrupted while waiting for a reply from Lua actor '" + actor + "'",
                    e);
        } catch (CancellationException e) {
            throw new LuaActorException(actor, "the request to Lua actor '" + actor + "' was cancelled", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LuaActorException failure) {
                throw failure;
            }
            throw new LuaActorException(actor, "Lua actor '" + actor + "' failed: " + e.getCause(), e.getCause());
        }
    }
}
