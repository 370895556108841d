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

/** The symbolic reading of compiled snippets: what a register holds where an instruction reads it. */
class BytecodeNamesTest {

    @Test
    void anActiveLocal() {
        Prototype p = compile("local t = nil\nlocal v = t.x");
        int pc = first(p, Lua.OP_GETTABLE);
        assertThat(BytecodeNames.ofRegister(p, pc, Lua.GETARG_B(p.code[pc])))
                .isEqualTo(new VariableName("local", "t"));
        assertThat(BytecodeNames.activeLocal(p, 0, pc)).isEqualTo("t");
        assertThat(BytecodeNames.activeLocal(p, 1, pc)).as("v is not active before its initialiser ran").isNull();
    }

    @Test
    void aGlobalReadThroughEnv() {
        Prototype p = compile("local v = x.y");
        int pc = first(p, Lua.OP_GETTABLE);
        assertThat(BytecodeNames.ofRegister(p, pc, Lua.GETARG_B(p.code[pc])).toString()).isEqualTo("global 'x'");
    }

    @Test
    void aFieldWithAConstantKeyAndOneWithout() {
        Prototype p = compile("local t = {}\nlocal a = t.y.z\nlocal b = t[1].z");
        int[] gets = all(p, Lua.OP_GETTABLE);
        // t.y, then (t.y).z, then t[1], then (t[1]).z
        assertThat(BytecodeNames.ofRegister(p, gets[1], Lua.GETARG_B(p.code[gets[1]])).toString())
                .isEqualTo("field 'y'");
        assertThat(BytecodeNames.ofRegister(p, gets[3], Lua.GETARG_B(p.code[gets[3]])).toString())
                .isEqualTo("field '?'");
    }

    @Test
    void anUpvalue() {
        Prototype main = compile("local f\nlocal function g() f() end");
        Prototype g = main.p[0];
        int pc = first(g, Lua.OP_CALL);
        assertThat(BytecodeNames.ofRegister(g, pc, Lua.GETARG_A(g.code[pc])).toString()).isEqualTo("upvalue 'f'");
        assertThat(BytecodeNames.ofUpvalue(g, 0).toString()).isEqualTo("upvalue 'f'");
    }

    @Test
    void aMethod() {
        Prototype p = compile("local o = {}\no:m()");
        int pc = first(p, Lua.OP_CALL);
        assertThat(BytecodeNames.ofRegister(p, pc, Lua.GETARG_A(p.code[pc])).toString()).isEqualTo("method 'm'");
    }

    @Test
    void aStringConstant() {
        Prototype p = compile("local v = ('x')()");
        int pc = first(p, Lua.OP_CALL);
        assertThat(BytecodeNames.ofRegister(p, pc, Lua.GETARG_A(p.code[pc])).toString()).isEqualTo("constant 'x'");
    }

    @Test
    void aCopiedLocalKeepsItsName() {
        Prototype p = compile("local f = nil\nf()");
        int pc = first(p, Lua.OP_CALL);
        // the call copies f into a fresh register first
        assertThat(Lua.GETARG_A(p.code[pc])).isNotZero();
        assertThat(BytecodeNames.ofRegister(p, pc, Lua.GETARG_A(p.code[pc])).toString()).isEqualTo("local 'f'");
    }

    @Test
    void aCallResultAndAnExpressionHaveNoName() {
        Prototype p = compile("local function f() end\nlocal v = f().x\nlocal w = (1 + 2 * #v).y");
        int[] gets = all(p, Lua.OP_GETTABLE);
        assertThat(BytecodeNames.ofRegister(p, gets[0], Lua.GETARG_B(p.code[gets[0]]))).isNull();
        assertThat(BytecodeNames.ofRegister(p, gets[1], Lua.GETARG_B(p.code[gets[1]]))).isNull();
    }

    @Test
    void anRkConstantHasNoName() {
        Prototype p = compile("local s = {}\nlocal v = s + 1");
        int pc = first(p, Lua.OP_ADD);
        int i = p.code[pc];
        assertThat(BytecodeNames.ofRk(p, pc, Lua.GETARG_B(i)).toString()).isEqualTo("local 's'");
        assertThat(BytecodeNames.ofRk(p, pc, Lua.GETARG_C(i))).isNull();
    }

    @Test
    void aValueThatABranchMaySkipHasNoName() {
        // r holds either t.x or u.y at the index: no single instruction wrote it
        Prototype p = compile("local t, u, c = {}, {}, true\nlocal v = (c and t.x or u.y).z");
        int[] gets = all(p, Lua.OP_GETTABLE);
        int last = gets[gets.length - 1];
        assertThat(BytecodeNames.ofRegister(p, last, Lua.GETARG_B(p.code[last]))).isNull();
    }

    @Test
    void aLoopsBackEdgeMakesALaterWriteReachTheRead() {
        Prototype p = compile("local t = {}\nlocal v\nfor i = 1, 2 do local w = (v or t).x v = nil end");
        int pc = first(p, Lua.OP_GETTABLE);
        assertThat(RegisterWrites.lastWriter(p.code, pc, 1)).isEqualTo(-1);
    }

    private static Prototype compile(String source) {
        try {
            return LuaC.instance.compile(new ByteArrayInputStream(source.getBytes(StandardCharsets.UTF_8)), "test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int first(Prototype p, int opcode) {
        return all(p, opcode)[0];
    }

    static int[] all(Prototype p, int opcode) {
        return java.util.stream.IntStream.range(0, p.code.length)
                .filter(pc -> Lua.GET_OPCODE(p.code[pc]) == opcode).toArray();
    }
}
