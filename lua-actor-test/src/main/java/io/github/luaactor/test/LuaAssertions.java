package io.github.luaactor.test;

import io.github.luaactor.core.LuaMessage;

/**
 * Entry point of the AssertJ assertions on Lua values; import it statically next to AssertJ's own
 * {@code Assertions.assertThat} (the more specific overload wins for a {@link LuaMessage}). Needs
 * {@code org.assertj:assertj-core} on the test class path.
 */
public final class LuaAssertions {
    private LuaAssertions() {
    }

    public static LuaMessageAssert assertThat(LuaMessage actual) {
        return new LuaMessageAssert(actual);
    }
}
