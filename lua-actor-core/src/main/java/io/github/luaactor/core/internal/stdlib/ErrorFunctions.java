package io.github.luaactor.core.internal.stdlib;

import java.util.function.Supplier;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code error}, {@code pcall} and {@code xpcall} as in Lua 5.2: the value a protected call returns is exactly the
 * raised value ({@code nil} stays nil, tables stay tables, strings get {@code chunk:line: } from {@code error} at
 * level 1 or more); tracebacks stay on the Java side. Shared by every VM: the call stack is that of the handler
 * running on the calling thread.
 */
public final class ErrorFunctions {
    private ErrorFunctions() {
    }

    /** {@code error(message [, level])}. */
    public static LuaValue error(Supplier<? extends CallStack> stacks) {
        return new Error(stacks);
    }

    /** {@code pcall(f, ...)}. */
    public static LuaValue pcall(Supplier<? extends CallStack> stacks) {
        return new PCall(stacks);
    }

    /** Whether {@code f} is {@code pcall} or {@code xpcall}: an error raised below it is caught there. */
    public static boolean isProtectedCall(LuaFunction f) {
        return f instanceof Protected;
    }

    /** {@code xpcall(f, handler, ...)}. */
    public static LuaValue xpcall(Supplier<? extends CallStack> stacks) {
        return new XPCall(stacks);
    }

    private static final class Error extends VarArgFunction {
        private final Supplier<? extends CallStack> stacks;

        Error(Supplier<? extends CallStack> stacks) {
            this.stacks = stacks;
            this.name = "error";
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaValue value = args.arg1();
            int level = args.isnoneornil(2) ? 1 : Conversions.checkInt(args, 2, "error");
            throw new RaisedError(value.isstring() && level > 0 ? positioned(value, level, stacks.get()) : value);
        }
    }

    /**
     * A string or number {@code value} as text with {@code chunk:line: } of the function at {@code level} in front, as
     * {@code luaL_where} writes it (none where the stack cannot tell); the bytes of a string are kept as they are.
     */
    static LuaValue positioned(LuaValue value, int level, CallStack stack) {
        String where = stack == null ? null : stack.where(level);
        // A number is written as Lua 5.2 writes it (error(1/3) gives 'chunk:1: 0.33333333333333'); concatenated
        // with an empty position it is text too (pcall(error, 5) gives '5').
        LuaValue text = value.type() == LuaValue.TNUMBER ? Conversions.numberText(value) : value;
        return where == null ? text : LuaValue.valueOf(where + ": ").concat(text.strvalue());
    }

    /** Protected call; counts as a frame of the call stack, as in Lua (level 2 of a function it calls). */
    private abstract static class Protected extends VarArgFunction {
        private final Supplier<? extends CallStack> stacks;

        Protected(Supplier<? extends CallStack> stacks) {
            this.stacks = stacks;
        }

        final Varargs protectedCall(LuaValue f, Varargs args, LuaValue handler) {
            CallStack stack = stacks.get();
            if (stack != null) {
                stack.onCall(this);
            }
            try {
                return varargsOf(TRUE, f.invoke(args).eval());
            } catch (LuaError e) {
                return failed(ErrorValues.of(e, stack), handler);
            } catch (RuntimeException e) {
                return failed(ErrorValues.of(e), handler);
            } finally {
                if (stack != null) {
                    stack.onReturn();
                }
            }
        }

        private static Varargs failed(LuaValue value, LuaValue handler) {
            if (handler == null) {
                return varargsOf(FALSE, value);
            }
            try {
                return varargsOf(FALSE, handler.call(value));
            } catch (LuaError e) {
                // Lua calls the handler again for an error in the handler, and gives up with this message.
                return varargsOf(FALSE, valueOf("error in error handling"));
            }
        }
    }

    private static final class PCall extends Protected {
        PCall(Supplier<? extends CallStack> stacks) {
            super(stacks);
            this.name = "pcall";
        }

        @Override
        public Varargs invoke(Varargs args) {
            return protectedCall(args.checkvalue(1), args.subargs(2), null);
        }
    }

    private static final class XPCall extends Protected {
        XPCall(Supplier<? extends CallStack> stacks) {
            super(stacks);
            this.name = "xpcall";
        }

        @Override
        public Varargs invoke(Varargs args) {
            return protectedCall(args.checkvalue(1), args.subargs(3), args.checkvalue(2));
        }
    }
}
