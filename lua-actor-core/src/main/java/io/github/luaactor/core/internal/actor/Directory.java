package io.github.luaactor.core.internal.actor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.luaactor.core.LuaActorException;

/** The name space of one system: actors and Java recipients share it, one {@link Recipient} per name. */
final class Directory {
    private final ConcurrentHashMap<String, Recipient> names = new ConcurrentHashMap<>();
    private final AtomicLong generatedNames = new AtomicLong();

    String generateName(String prefix) {
        String name;
        do {
            name = prefix + "-" + generatedNames.incrementAndGet();
        } while (names.containsKey(name));
        return name;
    }

    void register(String name, Recipient recipient) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A Lua actor or recipient name must not be blank");
        }
        Recipient existing = names.putIfAbsent(name, recipient);
        if (existing != null) {
            throw new LuaActorException(name, "The name '" + name + "' is already used by "
                    + (existing instanceof ActorCell ? "a Lua actor" : "a Java recipient")
                    + "; actors and Java recipients share one name space");
        }
    }

    /** The recipient under that name, or null. */
    Recipient lookup(String name) {
        return names.get(name);
    }

    boolean removeJavaRecipient(String name) {
        Recipient current = names.get(name);
        return current instanceof JavaRecipient && names.remove(name, current);
    }


    void unregister(ActorCell cell) {
        names.remove(cell.name(), cell);
    }

    ActorCell actor(String name) {
        return names.get(name) instanceof ActorCell cell ? cell : null;
    }

    Collection<ActorCell> actors() {
        List<ActorCell> cells = new ArrayList<>();
        for (Recipient recipient : names.values()) {
            if (recipient instanceof ActorCell cell) {
                cells.add(cell);
            }
        }
        return cells;
    }

    void clear() {
        names.clear();
    }
}
