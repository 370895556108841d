package io.github.luaactor.core.internal;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * An actor's globals, with the value of {@code ctx} also kept in a field.
 * <p>
 * Why: nearly every handler starts with the global {@code ctx}, and LuaJ finds it by a hash walk through
 * interface-typed slots. The table still holds the key (so {@code next}, {@code pairs} and {@code _G} see it as
 * before); every write to it goes through {@link #hashset}, which keeps the field equal to the slot.
 */
final class ActorGlobals extends Globals {
    static final LuaString CTX = LuaString.valueOf("ctx");

    private LuaValue ctx = NIL;

    @Override
    protected LuaValue hashget(LuaValue key) {
        if (key instanceof LuaString s && s.raweq(CTX)) {
            return ctx;
        }
        return super.hashget(key);
    }

    @Override
    public void hashset(LuaValue key, LuaValue value) {
        super.hashset(key, value);
        if (key instanceof LuaString s && s.raweq(CTX)) {
            ctx = value;
        }
    }
}
