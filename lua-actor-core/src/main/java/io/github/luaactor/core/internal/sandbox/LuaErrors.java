package io.github.luaactor.core.internal.sandbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.luaactor.core.BudgetExceededException;
import io.github.luaactor.core.MemoryLimitExceededException;
import io.github.luaactor.core.LuaActorException;
import io.github.luaactor.core.LuaScriptException;
import io.github.luaactor.core.ReplyCycleException;
import io.github.luaactor.core.internal.naming.Lua52Messages;
import io.github.luaactor.core.internal.stdlib.ErrorValues;
import org.luaj.vm2.LuaError;

/** Turns what LuaJ throws into the runtime's exception types, with actor, chunk and line. */
public final class LuaErrors {
    /** LuaJ prefixes messages with {@code chunk:line} (followed by a space, or ": " from the compiler). */
    private static final Pattern POSITION = Pattern.compile("^([^\\s:]+):(\\d+):? (.*)$", Pattern.DOTALL);
    /**
     * The compiler quotes chunk names ({@code [string "greeter.lua"]:3: msg}), and so does {@code load} for a chunk
     * from a string, whose runtime errors LuaJ positions with a space only ({@code [string "x = 1..."]:2 msg}).
     */
    private static final Pattern COMPILER_POSITION = Pattern.compile("^\\[string \"(.*?)\"\\]:(\\d+):? (.*)$",
            Pattern.DOTALL);
    /** LuaJ prints some tokens by their code; Lua names them. */
    private static final Pattern TOKEN_CODE = Pattern.compile("symbol (\\d{3}) \\(.\\)");
    private static final String[] TOKENS = {"and", "break", "do", "else", "elseif", "end", "false", "for",
        "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until",
        "while", "..", "...", "==", ">=", "<=", "~=", "::", "<eof>", "<number>", "<name>", "<string>"};
    /** How {@code load} names a chunk from a string, as Lua does: {@code [string "name"]}. */
    private static final Pattern LOADED_CHUNK = Pattern.compile("^\\[string \"(.*)\"\\]$", Pattern.DOTALL);
    private static final Pattern SPLIT_POSITION = Pattern.compile("^(.+):(\\d+)$");

    private LuaErrors() {
    }

    public static LuaScriptException scriptException(String actor, String defaultChunk, LuaError error) {
        return scriptException(actor, defaultChunk, error, null);
    }

    static LuaScriptException scriptException(String actor, String defaultChunk, LuaError error,
            BudgetHook hook) {
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
        Matcher m = COMPILER_POSITION.matcher(message);
        if (!m.matches()) {
            m = POSITION.matcher(message);
        }
        if (m.matches()) {
            chunk = m.group(1).startsWith("=") || m.group(1).startsWith("@") ? m.group(1).substring(1) : m.group(1);
            line = Integer.parseInt(m.group(2));
            message = readableTokens(m.group(3));
        } else if (ErrorValues.position(error) != null || hook != null) {
            // A value without a position (error({...}), error(msg, 0)): where the interpreter saw it raised.
            String raisedAt = ErrorValues.position(error);
            String[] position = split(raisedAt != null ? raisedAt : hook.position(), defaultChunk);
            chunk = position[0];
            line = Integer.parseInt(position[1]);
            full = chunk + ":" + line + " " + full;
        }
        String reworded = lua52Message(error, hook, message);
        if (traceback == null && !reworded.equals(message)) {
            full = full.replace(message, reworded);
        }
        message = reworded;
        return new LuaScriptException(actor, chunk, line, message, traceback == null ? full : traceback, error);
    }

    /** Converts anything a handler threw into the exception its sender receives. */
    public static LuaActorException convert(String actor, String defaultChunk, Throwable failure, BudgetHook hook) {
        if (failure instanceof LuaActorException e) {
            return e;
        }
        if (failure instanceof BudgetExceeded exceeded) {
            String[] position = split(exceeded.position(), defaultChunk);
            return new BudgetExceededException(actor,
                    exceeded.isTime() ? BudgetExceededException.Budget.TIME
                            : BudgetExceededException.Budget.INSTRUCTIONS,
                    exceeded.getMessage(), position[0], Integer.parseInt(position[1]));
        }
        if (failure instanceof MemoryMeter.Exceeded exceeded) {
            String[] position = split(exceeded.position(), defaultChunk);
            return new MemoryLimitExceededException(actor, exceeded.getMessage() + " (" + exceeded.setting() + ")",
                    position[0],
                    Integer.parseInt(position[1]), exceeded.limit(), exceeded.size());
        }
        if (failure instanceof LuaError error) {
            if (error.getCause() instanceof BudgetExceeded
                    || error.getCause() instanceof MemoryMeter.Exceeded) {
                return convert(actor, defaultChunk, error.getCause(), hook);
            }
            if (error.getCause() instanceof ReplyCycleException cycle) {
                // a ctx.send that would never be answered: the caller learns which actors wait on each other
                return cycle;
            }
            return scriptException(actor, defaultChunk, error, hook);
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

    /**
     * A runtime error of LuaJ's in Lua 5.2's words, named where the interpreter saw it raised; any other error's
     * message as it is (raised values, and compiled code's errors, which carry Lua 5.2's words already).
     */
    private static String lua52Message(LuaError error, BudgetHook hook, String message) {
        if (error.getClass() != LuaError.class) {
            return message;
        }
        return hook != null ? hook.lua52Message(ErrorValues.position(error), message)
                : Lua52Messages.reword(message, null);
    }

    private static String readableTokens(String message) {
        Matcher m = TOKEN_CODE.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int index = Integer.parseInt(m.group(1)) - 257;
            String token = index >= 0 && index < TOKENS.length ? TOKENS[index] : m.group(1);
            m.appendReplacement(sb, Matcher.quoteReplacement("symbol near '" + token + "'"));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String[] split(String position, String defaultChunk) {
        if (position != null) {
            Matcher m = SPLIT_POSITION.matcher(position);
            if (m.matches()) {
                Matcher loaded = LOADED_CHUNK.matcher(m.group(1));
                return new String[] {loaded.matches() ? loaded.group(1) : m.group(1), m.group(2)};
            }
        }
        return new String[] {defaultChunk, "0"};
    }
}
