package io.github.luaactor.core.internal.naming;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runtime error message as LuaJ 3.0.1 words it, read back into what failed: the kind of operation and the type
 * of the value that could not take part in it. LuaJ writes {@code attempt to index ? (a nil value)},
 * {@code index expected, got nil} (a store), {@code attempt to call nil},
 * {@code attempt to perform arithmetic __add on table and number}, {@code attempt to concatenate nil and string},
 * {@code attempt to get length of nil} and, for comparisons, {@code attempt to compare __lt on nil and number}
 * (operands in order) or {@code attempt to compare table with number} (operands the other way round).
 *
 * @param kind what was attempted
 * @param type the type of the operand that failed (for a comparison, of the left one; null when LuaJ's words do
 *             not tell)
 * @param otherType for a comparison, the type of the right operand; else null
 * @param store whether the failed index was a store ({@code t.x = v}), which LuaJ words differently
 * @param unary whether a failed arithmetic had one operand ({@code -x})
 * @param leftFailed for an operation of two operands, whether LuaJ's message says the left one failed
 */
record LuajMessage(FailureKind kind, String type, String otherType, boolean store, boolean unary, boolean leftFailed) {
    private static final String TYPE = "(nil|boolean|number|string|table|function|userdata|thread)";
    private static final Pattern INDEX = Pattern.compile("attempt to index \\? \\(a " + TYPE + " value\\)");
    private static final Pattern STORE = Pattern.compile("index expected, got " + TYPE);
    private static final Pattern CALL = Pattern.compile("attempt to call " + TYPE);
    private static final Pattern ARITHMETIC = Pattern.compile(
            "attempt to perform arithmetic __\\w+ on " + TYPE + " and " + TYPE);
    private static final Pattern NEGATION = Pattern.compile("attempt to perform arithmetic on " + TYPE);
    private static final Pattern CONCATENATION = Pattern.compile("attempt to concatenate " + TYPE + " and " + TYPE);
    private static final Pattern LENGTH = Pattern.compile("attempt to get length of " + TYPE);
    private static final Pattern ORDERED = Pattern.compile("attempt to compare __l[te] on " + TYPE + " and " + TYPE);
    private static final Pattern SWAPPED = Pattern.compile("attempt to compare " + TYPE + " with " + TYPE);
    private static final Set<String> CONCATENABLE = Set.of("string", "number");

    /** What {@code message} (without its position) says failed, or null when it is not one of LuaJ's wordings. */
    static LuajMessage parse(String message) {
        if (message == null || !(message.startsWith("attempt to ") || message.startsWith("index expected"))) {
            return null;
        }
        Matcher m;
        if ((m = INDEX.matcher(message)).matches()) {
            return new LuajMessage(FailureKind.INDEX, m.group(1), null, false, false, true);
        }
        if ((m = STORE.matcher(message)).matches()) {
            return new LuajMessage(FailureKind.INDEX, m.group(1), null, true, false, true);
        }
        if ((m = CALL.matcher(message)).matches()) {
            return new LuajMessage(FailureKind.CALL, m.group(1), null, false, false, true);
        }
        if ((m = ARITHMETIC.matcher(message)).matches()) {
            // LuaJ has already turned a numeric string into a number here: "string" is one that is not numeric.
            boolean left = !"number".equals(m.group(1));
            return new LuajMessage(FailureKind.ARITHMETIC, left ? m.group(1) : m.group(2), null, false, false, left);
        }
        if ((m = NEGATION.matcher(message)).matches()) {
            return new LuajMessage(FailureKind.ARITHMETIC, m.group(1), null, false, true, true);
        }
        if ((m = CONCATENATION.matcher(message)).matches()) {
            boolean left = !CONCATENABLE.contains(m.group(1));
            return new LuajMessage(FailureKind.CONCATENATE, left ? m.group(1) : m.group(2), null, false, false, left);
        }
        if ((m = LENGTH.matcher(message)).matches()) {
            return new LuajMessage(FailureKind.LENGTH, m.group(1), null, false, true, true);
        }
        if ((m = ORDERED.matcher(message)).matches()) {
            return new LuajMessage(FailureKind.COMPARE, m.group(1), m.group(2), false, false, true);
        }
        if ((m = SWAPPED.matcher(message)).matches()) {
            return new LuajMessage(FailureKind.COMPARE, m.group(2), m.group(1), false, false, true);
        }
        if (message.startsWith("attempt to compare ")) {
            // LuaJ's other comparison wordings ("attempt to compare table") lose a type: only registers tell them.
            return new LuajMessage(FailureKind.COMPARE, null, null, false, false, true);
        }
        return null;
    }
}
