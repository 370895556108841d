package io.github.luaactor.core.internal.naming;

import org.luaj.vm2.Lua;

/** The operations whose runtime errors Lua 5.2 words with the failing operand's name, and comparisons. */
enum FailureKind {
    INDEX("index"),
    CALL("call"),
    ARITHMETIC("perform arithmetic on"),
    CONCATENATE("concatenate"),
    LENGTH("get length of"),
    COMPARE("compare");

    /** The words after {@code attempt to}. */
    final String verb;

    FailureKind(String verb) {
        this.verb = verb;
    }

    /** The kind of error instruction {@code opcode} can raise about one of its operands, or null. */
    static FailureKind of(int opcode) {
        return switch (opcode) {
            case Lua.OP_GETTABLE, Lua.OP_GETTABUP, Lua.OP_SETTABLE, Lua.OP_SETTABUP, Lua.OP_SELF -> INDEX;
            case Lua.OP_CALL, Lua.OP_TAILCALL -> CALL;
            case Lua.OP_ADD, Lua.OP_SUB, Lua.OP_MUL, Lua.OP_DIV, Lua.OP_MOD, Lua.OP_POW, Lua.OP_UNM -> ARITHMETIC;
            case Lua.OP_CONCAT -> CONCATENATE;
            case Lua.OP_LEN -> LENGTH;
            case Lua.OP_LT, Lua.OP_LE -> COMPARE;
            default -> null;
        };
    }
}
