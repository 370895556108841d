package io.github.luaactor.core.internal.actor;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.luaactor.core.DeadLetter;
import io.github.luaactor.core.LuaMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where one system's dead letters go: the rate-limited log and the application's listeners. */
final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

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
        log.log(letter);
        for (Consumer<DeadLetter> listener : listeners) {
            try {
                listener.accept(letter);
            } catch (RuntimeException e) {
                LOG.warn("Dead-letter listener failed", e);
            }
        }
    }
}
