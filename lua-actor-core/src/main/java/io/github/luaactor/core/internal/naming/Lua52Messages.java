package io.github.luaactor.core.internal.naming;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * Rewrites LuaJ's runtime error messages in Lua 5.2's words: {@code attempt to index local 't' (a nil value)} when
 * the failing operand can be named, {@code attempt to index a nil value} when it cannot, and comparisons as
 * {@code attempt to compare number with nil} or {@code attempt to compare two table values}. Any other message is
 * returned unchanged. Called only for an error, never on the success path.
 */
public final class Lua52Messages {
    private Lua52Messages() {
    }

    /**
     * {@code message} (LuaJ's, without position) for an error that an interpreted frame saw raised at
     * {@code site}, or with no frame known ({@code site} null): named from the frame's registers when they show the
     * operand that failed, else nameless.
     */
    public static String reword(String message, InterpretedSite site) {
        if (InvalidKeys.LUAJ_MESSAGE.equals(message)) {
            String stored = site == null ? null : site.invalidKey();
            return stored != null ? stored : message;
        }
        LuajMessage failure = LuajMessage.parse(message);
        if (failure == null) {
            return message;
        }
        if (site != null) {
            String named = site.describe(failure);
            if (named != null) {
                return named;
            }
        }
        return failure.type() == null ? message : nameless(failure);
    }

    /**
     * {@code message} for an error that compiled function {@code p} let out at source line {@code line}: named when
     * exactly one operation of the failing kind on that line could have failed ({@link LineNames}), else nameless.
     *
     * @param globals the actor's globals, read (without running code) to rule out operations on globals that hold a
     *                value of another type; null when unknown
     */
    public static String rewordAtLine(String message, Prototype p, int line, LuaValue globals) {
        String invalidKey = InvalidKeys.recorded(message);
        if (invalidKey != null) {
            return invalidKey;
        }
        LuajMessage failure = LuajMessage.parse(message);
        if (failure == null) {
            return message;
        }
        if (failure.kind() == FailureKind.COMPARE) {
            return failure.type() == null ? message : compare(failure.type(), failure.otherType());
        }
        VariableName name = p == null ? null : LineNames.nameAt(p, line, failure, globals);
        return named(failure.kind(), name, failure.type());
    }

    static String nameless(LuajMessage failure) {
        return failure.kind() == FailureKind.COMPARE ? compare(failure.type(), failure.otherType())
                : named(failure.kind(), null, failure.type());
    }

    /** Lua 5.2's message for an operand of {@code type} that failed {@code kind}, named or not. */
    static String named(FailureKind kind, VariableName name, String type) {
        return name == null ? "attempt to " + kind.verb + " a " + type + " value"
                : "attempt to " + kind.verb + " " + name + " (a " + type + " value)";
    }

    /** Lua 5.2's message for operands of {@code left} and {@code right} types that cannot be ordered. */
    static String compare(String left, String right) {
        return left.equals(right) ? "attempt to compare two " + left + " values"
                : "attempt to compare " + left + " with " + right;
    }
}
