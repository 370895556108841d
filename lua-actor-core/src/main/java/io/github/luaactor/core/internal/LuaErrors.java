package io.github.luaactor.core.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.luaactor.core.BudgetExceededException;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaScriptException;
import org.luaj.vm2.LuaError;

/** Turns what LuaJ throws into the runtime's exception types, with actor, chunk and line. */
final class LuaErrors {
    /** LuaJ prefixes messages with {@code chunk:line} (followed by a space, or ": " from the compiler). */
    private static final Pattern POSITION = Pattern.compile("^([^\\s:]+):(\\d+):? (.*)$", Pattern.DOTALL);
    private static final Pattern SPLIT_POSITION = Pattern.compile("^(.+):(\\d+)$");

    private LuaErrors() {
    }

    static LuaScriptException scriptException(String actor, String defaultChunk, LuaError error) {
        String full = error.getMessage() == null ? "error" : error.getMessage();
        String traceback = null;
        String message = full;
        int tb = full.indexOf("\nstack traceback:");
        if (tb >= 0) {
            traceback = full.substring(tb + 1);
            message = full.substring(0, tb);
        }
        String chunk = defaultChunk;
        int line = 0;
        Matcher m = POSITION.matcher(message);
        if (m.matches()) {
            chunk = m.group(1);
            line = Integer.parseInt(m.group(2));
            message = m.group(3);
        }
        return new LuaScriptException(actor, chunk, line, message, traceback == null ? full : traceback, error);
    }

    /** Converts anything a handler threw into the exception its sender receives. */
    static LuaActorException convert(String actor, String defaultChunk, Throwable failure, BudgetHook hook) {
        if (failure instanceof LuaActorException e) {
            return e;
        }
        if (failure instanceof BudgetHook.Exceeded exceeded) {
            String[] position = split(exceeded.position(), defaultChunk);
            return new BudgetExceededException(actor,
                    exceeded.isTime() ? BudgetExceededException.Budget.TIME
                            : BudgetExceededException.Budget.INSTRUCTIONS,
                    exceeded.getMessage(), position[0], Integer.parseInt(position[1]));
        }
        if (failure instanceof LuaError error) {
            if (error.getCause() instanceof BudgetHook.Exceeded exceeded) {
                return convert(actor, defaultChunk, exceeded, hook);
            }
            return scriptException(actor, defaultChunk, error);
        }
        if (failure instanceof StackOverflowError) {
            String[] position = split(hook == null ? null : hook.position(), defaultChunk);
            return new LuaScriptException(actor, position[0], Integer.parseInt(position[1]),
                    "stack overflow (recursion too deep)", null, failure);
        }
        if (failure instanceof OutOfMemoryError) {
            return new LuaScriptException(actor, defaultChunk, 0, "out of memory", null, failure);
        }
        return new LuaScriptException(actor, defaultChunk, 0, String.valueOf(failure), null, failure);
    }

    private static String[] split(String position, String defaultChunk) {
        if (position != null) {
            Matcher m = SPLIT_POSITION.matcher(position);
            if (m.matches()) {
                return new String[] {m.group(1), m.group(2)};
            }
        }
        return new String[] {defaultChunk, "0"};
    }
}
