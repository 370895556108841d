package io.github.luaactor.core.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

import org.luaj.vm2.LuaString;

/**
 * The Lua strings of JSON member names, made once: the same few names come back in every document an actor
 * decodes, and encoding and hashing each again was a sixth of decoding a small event. Lua strings are immutable,
 * so one can serve every actor. Names come from scripts and their inputs, so the cache stops growing at
 * {@link #MAX_NAMES} (later names are made each time, as before) and long names are never kept.
 */
final class JsonNames {
    static final int MAX_NAMES = 4096;
    static final int MAX_NAME_LENGTH = 64;
    private static final ConcurrentHashMap<String, LuaString> NAMES = new ConcurrentHashMap<>();

    private JsonNames() {
    }

    static LuaString of(String name) {
        LuaString known = NAMES.get(name);
        if (known != null) {
            return known;
        }
        LuaString made = LuaString.valueUsing(name.getBytes(StandardCharsets.UTF_8));
        if (name.length() <= MAX_NAME_LENGTH && NAMES.size() < MAX_NAMES) {
            NAMES.putIfAbsent(name, made);
        }
        return made;
    }
}
