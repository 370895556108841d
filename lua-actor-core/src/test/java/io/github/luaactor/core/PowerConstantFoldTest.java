package io.github.luaactor.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.lib.MathLib;

/**
 * A constant power is folded when the chunk compiles, to the value {@code ^} has when it runs (C's {@code pow}),
 * whichever math library LuaJ last saw constructed: its plain {@code MathLib} (made here, as a JVM's first compile
 * before the shared libraries load left it, or any code making one) computes with an approximation of its own.
 */
class PowerConstantFoldTest extends ActorTestSupport {
    private final MathLib before = MathLib.MATHLIB;

    @AfterEach
    void restore() {
        MathLib.MATHLIB = before;
    }

    @Test
    void powersAtRunTimeAreCsPowWhateverMathLibWasMadeLast() {
        assertThat(ask(actor("first", "return 1"), 1)).isEqualTo(LuaMessage.from(1));
        LuaActorRef powers = actor("runtime", "return string.format('%.17g', 10 ^ ctx.msg)");
        new MathLib();
        assertThat(ask(powers, 0.3)).isEqualTo(LuaMessage.from(String.format("%.17g", Math.pow(10, 0.3))));
    }

    @Test
    void constantPowersFoldAsTheyRun() {
        // The shared libraries load with the first actor; the plain MathLib made after them is what LuaJ's compiler
        // would fold with.
        assertThat(ask(actor("first", "return 1"), 1)).isEqualTo(LuaMessage.from(1));
        new MathLib();
        LuaMessage reply = ask(actor("powers", """
                local three, e = 0.3, -1074
                return (10^0.3 == 10^three) and string.format('%.17g', 10^0.3) .. '|' .. tostring(2^-1074 == 2^e)
                    .. '|' .. tostring(2^-1074 > 0)"""), 1);
        assertThat(reply).isEqualTo(LuaMessage.from(String.format("%.17g", Math.pow(10, 0.3)) + "|true|true"));
    }
}
