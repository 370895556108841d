package io.github.luaactor.core.internal.stdlib;

import java.util.function.Supplier;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code assert(v [, message])} as 5.2.4's {@code luaB_assert}: all its arguments when {@code v} is true, else an
 * error positioned at the caller whose message is {@code message} (a number as {@code %.14g}) or
 * {@code assertion failed!}. Only a failed assertion looks at the message, so {@code assert(true, {})} passes and
 * {@code assert(false, {})} is {@code bad argument #2 to 'assert' (string expected, got table)}.
 */
public final class AssertFunction extends VarArgFunction {
    private static final LuaValue FAILED = valueOf("assertion failed!");

    private final Supplier<? extends CallStack> stacks;

    public AssertFunction(Supplier<? extends CallStack> stacks) {
        this.stacks = stacks;
        this.name = "assert";
    }

    @Override
    public Varargs invoke(Varargs args) {
        if (args.arg1().toboolean()) {
            return args;
        }
        LuaValue message = args.arg(2);
        if (message.isnil()) {
            message = FAILED;
        } else if (!message.isstring()) {
            throw new LuaError("bad argument #2 to 'assert' (string expected, got " + message.typename() + ")");
        }
        // luaL_error(L, "%s", message): text up to its first zero byte, at the position of assert's caller
        LuaString text = Conversions.plainText(message);
        int zero = text.indexOf((byte) 0, 0);
        throw new RaisedError(ErrorFunctions.positioned(zero < 0 ? text : text.substring(0, zero), 1, stacks.get()));
    }
}
