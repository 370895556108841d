package io.github.luaactor.core.internal.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Lua;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/** Telling a method call from a plain one in compiled snippets, by instruction and by line. */
class CallSitesTest {

    @Test
    void aCallWhoseFunctionSelfLookedUpIsAMethodCall() {
        Prototype p = compile("local s = 'x'\nlocal a = s:rep(2)\nlocal b = string.rep(s, 2)");
        int method = BytecodeNamesTest.first(p, Lua.OP_CALL);
        assertThat(CallSites.isMethodCall(p, method)).isTrue();
        assertThat(CallSites.isMethodCall(p, method + 4)).as("not a call").isFalse();
        int plain = -1;
        for (int pc = method + 1; pc < p.code.length; pc++) {
            if (Lua.GET_OPCODE(p.code[pc]) == Lua.OP_CALL) {
                plain = pc;
            }
        }
        assertThat(CallSites.isMethodCall(p, plain)).isFalse();
    }

    @Test
    void aLineIsAMethodCallOfANameOnlyWhenNoOtherCallThereCouldBeOfIt() {
        Prototype p = compile("""
                local s = 'x'
                print(s:rep(2))
                local a = string.rep(s, 2) .. s:rep(3)
                local b = s:sub(1) .. s:rep(2)
                local c = (s:rep(2))(1)
                local r = string.rep
                local d = r(s, 1) .. s:rep(1)""");
        assertThat(CallSites.isMethodCallAtLine(p, 2, "rep")).as("print is named otherwise").isTrue();
        assertThat(CallSites.isMethodCallAtLine(p, 3, "rep")).as("both syntaxes: plain").isFalse();
        assertThat(CallSites.isMethodCallAtLine(p, 4, "rep")).isTrue();
        assertThat(CallSites.isMethodCallAtLine(p, 4, "len")).as("no call of len").isFalse();
        assertThat(CallSites.isMethodCallAtLine(p, 5, "rep")).as("a call of an unnamed value").isFalse();
        assertThat(CallSites.isMethodCallAtLine(p, 7, "rep")).as("names decide: a call through a local of another name does not count")
                .isTrue();
    }

    @Test
    void aLineNamesTheCalledFunctionWhenItsOnlyCallOrOneUsingItsOwnNameTells() {
        Prototype p = compile("""
                local r = string.rep
                local a = r('x', 2)
                local b = tostring(r('x', 2))
                local c = tostring(string.rep('x', 2))
                local d = ({f = r}).f('x', 1)
                local e = (r)('x', 1) .. ('x'):rep(1)""");
        assertThat(CallSites.calledNameAtLine(p, 2, "rep")).as("the only call").isEqualTo("r");
        assertThat(CallSites.calledNameAtLine(p, 3, "rep")).as("two calls by other names").isNull();
        assertThat(CallSites.calledNameAtLine(p, 4, "rep")).as("a call by its own name").isEqualTo("rep");
        assertThat(CallSites.calledNameAtLine(p, 5, "rep")).as("a field").isEqualTo("f");
        assertThat(CallSites.calledNameAtLine(p, 6, "rep")).isEqualTo("rep");
        assertThat(CallSites.calledNameAtLine(p, 1, "rep")).as("no call on the line").isNull();
        assertThat(CallSites.calledName(p, BytecodeNamesTest.first(p, Lua.OP_CALL))).isEqualTo("r");
    }

    private static Prototype compile(String source) {
        try {
            return LuaC.instance.compile(new ByteArrayInputStream(source.getBytes(StandardCharsets.UTF_8)), "test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
