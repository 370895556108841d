package io.github.luaactor.core.internal.syntax;

import java.util.Map;

/**
 * Token codes of the checker: a single-byte symbol is its byte value; reserved words and multi-byte symbols follow
 * from {@link #FIRST_RESERVED}. Their texts are the ones Lua 5.2 shows in messages.
 */
final class Tokens {
    static final int FIRST_RESERVED = 257;
    static final int AND = 257;
    static final int BREAK = 258;
    static final int DO = 259;
    static final int ELSE = 260;
    static final int ELSEIF = 261;
    static final int END = 262;
    static final int FALSE = 263;
    static final int FOR = 264;
    static final int FUNCTION = 265;
    static final int GOTO = 266;
    static final int IF = 267;
    static final int IN = 268;
    static final int LOCAL = 269;
    static final int NIL = 270;
    static final int NOT = 271;
    static final int OR = 272;
    static final int REPEAT = 273;
    static final int RETURN = 274;
    static final int THEN = 275;
    static final int TRUE = 276;
    static final int UNTIL = 277;
    static final int WHILE = 278;
    static final int CONCAT = 279;
    static final int DOTS = 280;
    static final int EQ = 281;
    static final int GE = 282;
    static final int LE = 283;
    static final int NE = 284;
    static final int DBCOLON = 285;
    static final int EOS = 286;
    static final int NUMBER = 287;
    static final int NAME = 288;
    static final int STRING = 289;

    private static final String[] TEXTS = {"and", "break", "do", "else", "elseif", "end", "false", "for",
        "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until",
        "while", "..", "...", "==", ">=", "<=", "~=", "::", "<eof>", "<number>", "<name>", "<string>"};

    private static final Map<String, Integer> RESERVED = reserved();

    private Tokens() {
    }

    /** The reserved word's code, or {@link #NAME}. */
    static int word(String name) {
        return RESERVED.getOrDefault(name, NAME);
    }

    /**
     * How a token is named in {@code X expected} and in {@code near X} for tokens without text of their own:
     * symbols and reserved words quoted, {@code <eof>}, {@code <name>} and the like bare, unprintable bytes as
     * {@code char(N)}.
     */
    static String show(int token) {
        if (token < FIRST_RESERVED) {
            return token >= 0x20 && token < 0x7f ? "'" + (char) token + "'" : "char(" + token + ")";
        }
        String text = TEXTS[token - FIRST_RESERVED];
        return token < EOS ? "'" + text + "'" : text;
    }

    private static Map<String, Integer> reserved() {
        Map<String, Integer> words = new java.util.HashMap<>();
        for (int token = AND; token <= WHILE; token++) {
            words.put(TEXTS[token - FIRST_RESERVED], token);
        }
        return Map.copyOf(words);
    }
}
