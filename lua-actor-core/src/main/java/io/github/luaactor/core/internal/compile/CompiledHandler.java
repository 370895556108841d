package io.github.luaactor.core.internal.compile;

import io.github.luaactor.core.internal.naming.Lua52Messages;
import io.github.luaactor.core.internal.sandbox.BudgetHook;
import io.github.luaactor.core.internal.sandbox.StackSegments;
import io.github.luaactor.core.internal.sandbox.CompiledCode;
import io.github.luaactor.core.internal.sandbox.LuaPositions;
import org.luaj.vm2.Lua;
import io.github.luaactor.core.internal.interp.InterpretedClosure;
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
    private static final String INTERPRETER_FRAME = InterpretedClosure.class.getName();

    private final LuaFunction body;
    private final String className;
    private final Prototype prototype;
    private final BudgetHook hook;
    /** The line a stack overflow left compiled code at in this turn, or -1. */
    private int overflowAt = -1;
    /** The line of the last tail call compiled code made in this turn, or -1 (only the VM's thread touches it). */
    private int tailCallAt = -1;

    CompiledHandler(LuaFunction body, String className, Prototype prototype, BudgetHook hook) {
        this.body = body;
        this.className = className;
        this.prototype = prototype;
        this.hook = hook;
    }

    @Override
    public LuaValue call() {
        return invoke(NONE).arg1();
    }

    @Override
    public Varargs invoke(Varargs args) {
        // The chunk is one Lua call, counted here rather than in its generated class, which would read the thread's
        // hook for it at every message.
        if (hook.enterCall()) {
            return StackSegments.onFreshStack(hook, () -> invoke(args));
        }
        // A module's chunk runs inside the handler that required it: the handler's code is the running one again after.
        CompiledCode caller = hook.compiledCode();
        hook.enterCompiled(this, prototype.code.length);
        overflowAt = -1;
        tailCallAt = -1;
        try {
            return body.invoke(args).eval();
        } catch (StackOverflowError e) {
            // Reported after the stack unwound: keep the innermost compiled line, which the interpreter's hook keeps.
            overflowAt = innermostLine(e);
            throw e;
        } catch (LuaError e) {
            throw positioned(e, e);
        } catch (RuntimeException e) {
            // The interpreter turns any exception of a called Java function into a Lua error at the calling line.
            throw positioned(new LuaError(e), e);
        } finally {
            if (caller != null) {
                hook.resumeCompiled(caller);
            }
            hook.exitCall();
        }
    }

    /**
     * Adds this chunk's position unless an interpreted frame between the raise and this handler already did (an
     * error raised in a Lua function the handler called).
     */
    private LuaError positioned(LuaError error, Throwable raised) {
        if (error instanceof PositionedLuaError) {
            // Positioned by the generated function it left (a nested one, or this handler's own frame).
            return error;
        }
        int line = -1;
        // A call refused for its depth raises at the callee's entry, before its frame began: the caller's line.
        boolean refusedCall = raised instanceof StackSegments.Overflow;
        for (StackTraceElement frame : raised.getStackTrace()) {
            boolean interpreted = frame.getClassName().equals(INTERPRETER_FRAME) && "execute".equals(frame.getMethodName());
            if (refusedCall && (interpreted || CompiledFrames.isCallEntry(frame))) {
                refusedCall = false;
                continue;
            }
            if (interpreted) {
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
            // Which function made the tail call is not known here: Lua 5.2's words, without a name.
            return PositionedLuaError.of(error, at(tailCallAt >= 0 ? tailCallAt : tailCallLine()), null,
                    message -> Lua52Messages.rewordAtLine(message, null, 0, null));
        }
        String fileline = at(line);
        int failedAt = line;
        Prototype named = CompiledFrames.raisedByOwnOperation(raised, className) ? prototype : null;
        return PositionedLuaError.of(error, fileline, "stack traceback:\n\t" + fileline + ": in main chunk",
                message -> Lua52Messages.rewordAtLine(message, named, failedAt, hook.globals()));
    }

    /**
     * {@code chunk:line} of the compiled code running on this thread now, or of its tail call once its frame has
     * returned; for errors raised where no stack trace is kept (an exceeded budget).
     */
    @Override
    public String position() {
        if (overflowAt >= 0) {
            return at(overflowAt);
        }
        // The innermost generated frame: this handler's, or that of a module function it called.
        String innermost = CompiledFrames.innermostPosition(this::chunkOf);
        return innermost != null ? innermost : at(tailCallLine());
    }

    @Override
    public String chunkOf(Class<?> frameClass) {
        // This handler's class is shared by every chunk name running the same text: its own frames take this
        // instance's name; a module function's frames that of their class.
        return CompiledFrames.belongsTo(frameClass.getName(), className) ? chunkName()
                : CompiledFrames.chunkOf(frameClass, chunkName());
    }

    /** A tail call at {@code line} is about to run (woven into generated code). */
    void tailCalled(int line) {
        tailCallAt = line;
    }

    /** The line of the last tail call made in this turn, or -1. */
    int tailCalledAt() {
        return tailCallAt;
    }

    @Override
    public boolean ownsFrame(String frameClass) {
        return frameClass.startsWith(CompiledFrames.CLASS_PREFIX);
    }

    @Override
    public String chunkName() {
        // The source's text, decoded once, at the first error (every error of compiled code asks for it): an idle
        // actor holds no copy of it.
        String chunk = name;
        if (chunk == null) {
            chunk = prototype.source.tojstring();
            name = chunk;
        }
        return chunk;
    }

    @Override
    public String startPosition() {
        return at(LuaPositions.lineAt(prototype, 0));
    }

    /**
     * The line of the call that overflowed: the innermost compiled function's caller, where the interpreter's hook
     * still stands when the callee's frame cannot be pushed.
     */
    private int innermostLine(Throwable raised) {
        int first = -1;
        for (StackTraceElement frame : raised.getStackTrace()) {
            if (CompiledFrames.belongsTo(frame.getClassName(), className) && frame.getLineNumber() >= 0) {
                if (first >= 0) {
                    return frame.getLineNumber();
                }
                first = frame.getLineNumber();
            }
        }
        return first;
    }

    private String at(int line) {
        return chunkName() + ":" + line;
    }

    private int tailCallLine() {
        int[] code = prototype.code;
        for (int pc = 0; pc < code.length; pc++) {
            if (Lua.GET_OPCODE(code[pc]) == Lua.OP_TAILCALL) {
                return LuaPositions.lineAt(prototype, pc);
            }
        }
        // No tail call: an error after the frame returned comes from its results (the reply), and the interpreter
        // names the return that ran last; the last one returning values is the best guess without a frame.
        for (int pc = code.length - 1; pc >= 0; pc--) {
            if (Lua.GET_OPCODE(code[pc]) == Lua.OP_RETURN && Lua.GETARG_B(code[pc]) != 1) {
                return LuaPositions.lineAt(prototype, pc);
            }
        }
        return 0;
    }
}
