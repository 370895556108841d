package io.github.luaactor.core.internal.syntax;

import java.util.List;

/** Entry point: checks a chunk's source against Lua 5.2's syntax before LuaJ compiles it. */
public final class LuaSyntax {
    private LuaSyntax() {
    }

    /**
     * @param file true for a script or module file, whose first line is skipped when it starts with {@code #} (as
     *             Lua's {@code loadfile} does); false for {@code load}, which takes the source as it is
     * @throws LuaSyntaxError the first error, in Lua 5.2's words
     */
    public static void check(byte[] source, boolean file) {
        new Parser(new Lexer(source, file)).chunk();
    }

    /**
     * Checks as {@link #check} does, and gives the constants whose sign of zero LuaJ's compiler would lose (none in
     * almost every chunk).
     */
    public static List<SignedConstant> checkForSignedConstants(byte[] source, boolean file) {
        Parser parser = new Parser(new Lexer(source, file));
        parser.chunk();
        return List.copyOf(parser.signedConstants());
    }
}
