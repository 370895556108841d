package io.github.luaactor.core.internal.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/** LuaJ's messages in Lua 5.2's words, nameless or named from the failing line of compiled code. */
class Lua52MessagesTest {

    @Test
    void withoutAFrameTheWordingIsLuasAndNameless() {
        assertThat(Lua52Messages.reword("attempt to index ? (a nil value)", null))
                .isEqualTo("attempt to index a nil value");
        assertThat(Lua52Messages.reword("index expected, got number", null))
                .isEqualTo("attempt to index a number value");
        assertThat(Lua52Messages.reword("attempt to call nil", null)).isEqualTo("attempt to call a nil value");
        assertThat(Lua52Messages.reword("attempt to perform arithmetic __add on number and table", null))
                .isEqualTo("attempt to perform arithmetic on a table value");
        assertThat(Lua52Messages.reword("attempt to perform arithmetic __mul on string and number", null))
                .as("a string LuaJ reports in arithmetic is one that is not numeric")
                .isEqualTo("attempt to perform arithmetic on a string value");
        assertThat(Lua52Messages.reword("attempt to concatenate string and nil", null))
                .isEqualTo("attempt to concatenate a nil value");
        assertThat(Lua52Messages.reword("attempt to get length of boolean", null))
                .isEqualTo("attempt to get length of a boolean value");
        assertThat(Lua52Messages.reword("attempt to compare __lt on nil and number", null))
                .isEqualTo("attempt to compare nil with number");
        assertThat(Lua52Messages.reword("attempt to compare table with number", null))
                .as("LuaJ names these the other way round").isEqualTo("attempt to compare number with table");
        assertThat(Lua52Messages.reword("attempt to compare __le on table and table", null))
                .isEqualTo("attempt to compare two table values");
    }

    @Test
    void otherMessagesAreLeftAlone() {
        assertThat(Lua52Messages.reword("boom", null)).isEqualTo("boom");
        assertThat(Lua52Messages.reword("attempt to compare table", null)).isEqualTo("attempt to compare table");
        assertThat(Lua52Messages.reword("attempt to index local 't' (a nil value)", null))
                .isEqualTo("attempt to index local 't' (a nil value)");
        assertThat(Lua52Messages.reword("attempt to call a nil value", null)).isEqualTo("attempt to call a nil value");
    }

    @Test
    void oneCandidateOnTheLineIsNamed() {
        Prototype p = compile("local t\nlocal v = 1 + t.x");
        assertThat(Lua52Messages.rewordAtLine("attempt to index ? (a nil value)", p, 2, null))
                .isEqualTo("attempt to index local 't' (a nil value)");
    }

    @Test
    void severalCandidatesGiveNoName() {
        Prototype p = compile("local a, b = {}, {}\nlocal v = a.x.y + b.z.w");
        assertThat(Lua52Messages.rewordAtLine("attempt to index ? (a nil value)", p, 2, null))
                .isEqualTo("attempt to index a nil value");
    }

    @Test
    void operandsThatCannotHaveTheTypeAreNoCandidates() {
        // the new table and the string constant cannot be the nil operand
        Prototype p = compile("local t = {}\nlocal v = t.x .. ('a' .. nosuch)");
        assertThat(Lua52Messages.rewordAtLine("attempt to concatenate string and nil", p, 2, null))
                .isEqualTo("attempt to concatenate global 'nosuch' (a nil value)");
        Prototype q = compile("local s = {}\nlocal v = 2 * s");
        assertThat(Lua52Messages.rewordAtLine("attempt to perform arithmetic __mul on number and table", q, 2, null))
                .isEqualTo("attempt to perform arithmetic on local 's' (a table value)");
    }

    @Test
    void aGlobalThatHoldsATableNowIsNotTheOneThatFailed() {
        Prototype p = compile("local t = {}\nlib.call(t.x.y)");
        LuaTable globals = new LuaTable();
        LuaTable lib = new LuaTable();
        globals.set("lib", lib);
        assertThat(Lua52Messages.rewordAtLine("attempt to index ? (a nil value)", p, 2, globals))
                .as("lib and the new table t hold tables: only t.x can be the nil one")
                .isEqualTo("attempt to index field 'x' (a nil value)");
        assertThat(Lua52Messages.rewordAtLine("attempt to index ? (a nil value)", p, 2, null))
                .as("lib unknown: lib.call and t.x.y are candidates").isEqualTo("attempt to index a nil value");
        Prototype q = compile("local t = ...\nlib.call(t.x)");
        assertThat(Lua52Messages.rewordAtLine("attempt to index ? (a nil value)", q, 2, globals))
                .isEqualTo("attempt to index local 't' (a nil value)");
        assertThat(Lua52Messages.rewordAtLine("attempt to index ? (a nil value)", q, 2, new LuaTable()))
                .as("lib is nil now: either could have failed").isEqualTo("attempt to index a nil value");
        globals.set("lib", LuaValue.valueOf(1));
        assertThat(Lua52Messages.rewordAtLine("attempt to index ? (a nil value)", q, 2, globals))
                .isEqualTo("attempt to index local 't' (a nil value)");
    }

    @Test
    void aCapturedLocalMayHaveChanged() {
        // f may set t to nil: the new table t was initialised with tells nothing at the index
        Prototype p = compile("local t = {}\nlocal function f() t = nil end\nlocal v = f() or t.x .. u.y");
        assertThat(Lua52Messages.rewordAtLine("attempt to index ? (a nil value)", p, 3, new LuaTable()))
                .isEqualTo("attempt to index a nil value");
    }

    private static Prototype compile(String source) {
        try {
            return LuaC.instance.compile(new ByteArrayInputStream(source.getBytes(StandardCharsets.UTF_8)), "test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
