package io.github.luaactor.bench;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaMessage;

/** Helpers shared by the benchmarks. */
final class Waits {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

    private Waits() {
    }

    /** Sends {@code total} requests keeping at most {@code window} in flight; returns when all are answered. */
    static void pipeline(int total, int window, IntFunction<CompletionStage<?>> send) throws InterruptedException {
        Semaphore permits = new Semaphore(window);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < total; i++) {
            if (!permits.tryAcquire(1, 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no reply within 120 s");
            }
            send.apply(i).whenComplete((r, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                permits.release();
            });
        }
        if (!permits.tryAcquire(window, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no reply within 120 s");
        }
        permits.release(window);
        if (failure.get() != null) {
            throw new IllegalStateException("a request failed", failure.get());
        }
    }

    /**
     * Tells {@code messages} copies of {@code message} to {@code actor}, then asks it once more: the reply means the
     * last tell was handled (the tell workloads' invocation).
     */
    static LuaMessage tellThenAsk(LuaActorRef actor, LuaMessage message, int messages) throws Exception {
        for (int i = 0; i < messages; i++) {
            actor.doSend(message);
        }
        return actor.send(message).get(60, TimeUnit.SECONDS);
    }

    /** Polls until the counter reaches the target (200 µs between looks). */
    static void until(LongSupplier counter, long target) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (counter.getAsLong() < target) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("counter stuck at " + counter.getAsLong() + " < " + target);
            }
            LockSupport.parkNanos(200_000);
        }
    }
}
