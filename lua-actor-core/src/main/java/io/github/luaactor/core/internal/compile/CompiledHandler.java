package io.github.luaactor.core.internal.compile;

import io.github.luaactor.core.internal.BudgetHook;
import io.github.luaactor.core.internal.CompiledCode;
import io.github.luaactor.core.internal.LuaPositions;
import io.github.luaactor.core.internal.stdlib.RaisedError;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * A handler compiled by {@link StraightLineCompiler}, bound to one VM. Charges the handler's length to the budget
 * before it runs, and gives an error raised in compiled code the {@code chunk:line} position and traceback that the
 * interpreter would have added, so that callers see the same errors either way.
 */
final class CompiledHandler extends VarArgFunction implements CompiledCode {
    private static final String INTERPRETER_FRAME = LuaClosure.class.getName();

    private final LuaFunction body;
    private final String className;
    private final Prototype prototype;
    private final BudgetHook hook;

    CompiledHandler(LuaFunction body, String className, Prototype prototype, BudgetHook hook) {
        this.body = body;
        this.className = className;
        this.prototype = prototype;
        this.hook = hook;
        this.name = prototype.source.tojstring();
    }

    @Override
    public LuaValue call() {
        return invoke(NONE).arg1();
    }

    @Override
    public Varargs invoke(Varargs args) {
        hook.enterCompiled(this, prototype.code.length);
        try {
            return body.invoke(args).eval();
        } catch (LuaError e) {
            throw positioned(e, e);
        } catch (RuntimeException e) {
            // The interpreter turns any exception of a called Java function into a Lua error at the calling line.
            throw positioned(new LuaError(e), e);
        }
    }

    /**
     * Adds this chunk's position unless an interpreted frame between the raise and this handler already did (an
     * error raised in a Lua function the handler called).
     */
    private LuaError positioned(LuaError error, Throwable raised) {
        int line = -1;
        for (StackTraceElement frame : raised.getStackTrace()) {
            if (frame.getClassName().equals(INTERPRETER_FRAME) && "execute".equals(frame.getMethodName())) {
                return error;
            }
            if (frame.getClassName().equals(className)) {
                line = frame.getLineNumber();
                break;
            }
        }
        if (line < 0) {
            // Raised after the handler's frame returned, by the function it called in tail position: the interpreter
            // has no frame left either, and adds the position without a traceback.
            return new PositionedLuaError(error, at(tailCallLine()), null);
        }
        String fileline = at(line);
        return new PositionedLuaError(error, fileline, "stack traceback:\n\t" + fileline + ": in main chunk");
    }

    /**
     * {@code chunk:line} of the compiled code running on this thread now, or of its tail call once its frame has
     * returned; for errors raised where no stack trace is kept (an exceeded budget).
     */
    @Override
    public String position() {
        int line = StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> frame.getClassName().equals(className))
                .mapToInt(StackWalker.StackFrame::getLineNumber).findFirst().orElse(-1));
        return at(line < 0 ? tailCallLine() : line);
    }

    @Override
    public String startPosition() {
        return at(LuaPositions.lineAt(prototype, 0));
    }

    private String at(int line) {
        return prototype.source.tojstring() + ":" + line;
    }

    private int tailCallLine() {
        int[] code = prototype.code;
        for (int pc = 0; pc < code.length; pc++) {
            if (Lua.GET_OPCODE(code[pc]) == Lua.OP_TAILCALL) {
                return LuaPositions.lineAt(prototype, pc);
            }
        }
        return 0;
    }

    /** A Lua error with the position and traceback the interpreter's error hook would have given it. */
    private static final class PositionedLuaError extends LuaError {
        PositionedLuaError(LuaError original, String fileline, String traceback) {
            super(messageObject(original));
            this.level = 1;
            this.cause = original.getCause();
            // error() already put its position (that of the level asked for) in the value.
            boolean raised = original instanceof RaisedError;
            this.fileline = fileline;
            String message = raised ? ((RaisedError) original).text() : getMessage();
            this.traceback = traceback == null ? (raised ? message : null) : message + "\n" + traceback;
            setStackTrace(original.getStackTrace());
        }

        private static LuaValue messageObject(LuaError error) {
            LuaValue object = error.getMessageObject();
            return object == null ? NIL : object;
        }
    }
}
