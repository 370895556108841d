package io.github.luaactor.core.internal.compile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.luaj.vm2.Prototype;

/**
 * The chunks {@code load} made, by name and text, for the whole JVM: a chunk loaded again (a handler that loads the
 * same text per message, a template, a rule table) gets the prototype compiled the first time, and from its second
 * load on runs as JVM bytecode, shared by every VM as a handler's is. One-off chunks (a text built per message)
 * stay interpreted: compiling each would cost far more than running it once. Bounded in number and size, least
 * recently loaded first out; the classes of a chunk go when no cached prototype and no VM holds its code.
 */
public final class LoadedChunks {
    /** Distinct chunks kept. */
    static final int MAX_CHUNKS = 256;
    /** Longer chunks are compiled per load, as before, and never cached: the cache must stay small. */
    static final int MAX_CHUNK_BYTES = 64 * 1024;

    private static final Map<Key, Cached> CHUNKS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
            return size() > MAX_CHUNKS;
        }
    };

    private LoadedChunks() {
    }

    /** A chunk's prototype, and whether this text was loaded under this name before. */
    public record Loaded(Prototype prototype, boolean repeated) {
    }

    /**
     * The prototype of the chunk {@code bytes} named {@code name}: the cached one if it was loaded before, else
     * {@code compile}'s (which raises the syntax error of a chunk that does not compile; that is not cached).
     */
    public static Loaded of(String name, byte[] bytes, Supplier<Prototype> compile) {
        if (bytes.length > MAX_CHUNK_BYTES) {
            return new Loaded(compile.get(), false);
        }
        Key key = new Key(name, new String(bytes, StandardCharsets.ISO_8859_1));
        synchronized (CHUNKS) {
            Cached cached = CHUNKS.get(key);
            if (cached != null) {
                return new Loaded(cached.prototype, true);
            }
        }
        Prototype compiled = compile.get();
        synchronized (CHUNKS) {
            Cached raced = CHUNKS.putIfAbsent(key, new Cached(compiled));
            return raced == null ? new Loaded(compiled, false) : new Loaded(raced.prototype, true);
        }
    }

    private record Key(String name, String text) {
    }

    private record Cached(Prototype prototype) {
    }
}
