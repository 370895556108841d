package io.github.luaactor.core.internal.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.luaactor.core.internal.sandbox.NegativeZero;
import io.github.luaactor.core.internal.sandbox.SourceStream;
import io.github.luaactor.core.internal.stdlib.MathFunctions;
import io.github.luaactor.core.internal.syntax.LuaSyntax;
import io.github.luaactor.core.internal.syntax.SignedConstant;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.MathLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Compiles a chunk with LuaJ's compiler, keeping the constants whose sign of zero it would lose
 * ({@link SignedConstant}: {@code local z = -0.0} is {@code -0} in Lua 5.2, the integer 0 once LuaJ folded it).
 * Each such constant expression is written as a marker numeral that LuaJ keeps as it is, a tiny double that no Lua
 * source writes, with the expression's lines kept; after compiling, each marker in the constant tables becomes the
 * value Lua 5.2 folds the expression to. Should any marker be missing (LuaJ folded it into something else after
 * all, or dropped it), the chunk is compiled from its own text instead: then only the sign is lost, as before.
 * A chunk without such constants (nearly all) is compiled as it is.
 */
public final class SignedConstants {
    /** The first marker's bits: a normal double near 1e-258, not whole, so LuaJ keeps it a double constant. */
    private static final long MARKER_BITS = 0x0A5A_5A5A_0000_0000L;
    /**
     * LuaJ's compiler folds a constant {@code a ^ b} through {@link MathLib#MATHLIB}, the math library constructed
     * last anywhere in the JVM; unless that is a {@link JseMathLib} it folds with LuaJ's own approximation (the
     * fraction of an exponent to 16 bits, {@code 2^-1074} as 0), so a chunk compiled before the shared libraries
     * loaded, or after some code made a plain {@code MathLib}, had {@code 10^0.3} wrong by 5.6e-5.
     */
    private static final MathLib EXACT_POWERS = new JseMathLib() {
        @Override
        public double dpow_lib(double a, double b) {
            return MathFunctions.pow(a, b);
        }
    };

    private SignedConstants() {
    }

    /**
     * Checks {@code source}'s syntax ({@link LuaSyntax#checkForSignedConstants}) and compiles it.
     *
     * @throws io.github.luaactor.core.internal.syntax.LuaSyntaxError as {@link LuaSyntax#check}
     * @throws org.luaj.vm2.LuaError a limit only LuaJ's compiler checks
     */
    public static Prototype compile(byte[] source, boolean file, String chunkName) throws IOException {
        List<SignedConstant> constants = LuaSyntax.checkForSignedConstants(source, file);
        if (!constants.isEmpty()) {
            Prototype marked = luac(marked(source, constants), chunkName);
            if (patch(marked, constants)) {
                return marked;
            }
        }
        return luac(source, chunkName);
    }

    private static Prototype luac(byte[] source, String chunkName) throws IOException {
        if (MathLib.MATHLIB != EXACT_POWERS) {
            MathLib.MATHLIB = EXACT_POWERS;
        }
        return LuaC.instance.compile(new SourceStream(source, chunkName), chunkName);
    }

    static double marker(int i) {
        return Double.longBitsToDouble(MARKER_BITS + i);
    }

    /**
     * The source with each constant's text replaced by its marker, followed by the text's line breaks (other bytes
     * blanked), so that every later token keeps its line.
     */
    static byte[] marked(byte[] source, List<SignedConstant> constants) {
        List<SignedConstant> ordered = new ArrayList<>(constants);
        ordered.sort((a, b) -> Integer.compare(a.start(), b.start()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(source.length + 32 * ordered.size());
        int at = 0;
        for (SignedConstant c : ordered) {
            out.write(source, at, c.start() - at);
            out.writeBytes((" " + marker(constants.indexOf(c)) + " ").getBytes(StandardCharsets.US_ASCII));
            for (int i = c.start(); i < c.end(); i++) {
                byte b = source[i];
                out.write(b == '\n' || b == '\r' ? b : ' ');
            }
            at = c.end();
        }
        out.write(source, at, source.length - at);
        return out.toByteArray();
    }

    /** Replaces every marker by its constant's value; false when a marker is not in any constant table. */
    static boolean patch(Prototype p, List<SignedConstant> constants) {
        boolean[] found = new boolean[constants.size()];
        replace(p, constants, found);
        for (boolean f : found) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    private static void replace(Prototype p, List<SignedConstant> constants, boolean[] found) {
        for (int j = 0; j < p.k.length; j++) {
            LuaValue k = p.k[j];
            if (k.type() == LuaValue.TNUMBER && !(k instanceof LuaInteger)) {
                long index = Double.doubleToRawLongBits(k.todouble()) - MARKER_BITS;
                if (index >= 0 && index < constants.size()) {
                    p.k[j] = NegativeZero.valueOf(constants.get((int) index).value());
                    found[(int) index] = true;
                }
            }
        }
        if (p.p != null) {
            for (Prototype nested : p.p) {
                replace(nested, constants, found);
            }
        }
    }
}
