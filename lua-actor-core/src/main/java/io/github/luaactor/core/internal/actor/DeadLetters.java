package io.github.luaactor.core.internal.actor;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaMessage;

/** Where one system's dead letters go: the rate-limited log and the application's listeners. */
final class DeadLetters {
    private final List<Consumer<DeadLetter>> listeners = new CopyOnWriteArrayList<>();
    private final DeadLetterLog log = new DeadLetterLog();

    void addListener(Consumer<DeadLetter> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<DeadLetter> listener) {
        listeners.remove(listener);
    }

    void report(String actor, DeadLetter.Reason reason, LuaMessage message, String sender) {
        DeadLetter letter = new DeadLetter(actor, reason, message, sender, Instant.now());
        try {
            log.log(letter);
        } catch (StackOverflowError e) {
            // A message nested too deeply to print (from Java): the dead letter still reaches the listeners.
            HostCallbacks.failed(actor, "dead-letter log line", e);
        }
        for (Consumer<DeadLetter> listener : listeners) {
            try {
                listener.accept(letter);
            } catch (Throwable e) {
                // Called on actor threads, often inside a turn: a listener that throws must not wedge the actor.
                HostCallbacks.failed(actor, "dead-letter listener", e);
            }
        }
    }
}
