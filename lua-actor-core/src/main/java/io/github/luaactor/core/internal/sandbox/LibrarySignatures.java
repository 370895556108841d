package io.github.luaactor.core.internal.sandbox;

import java.util.Map;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The parameter lists of the standard functions the sandbox offers, from the Lua 5.2 reference manual (and the
 * checks C Lua 5.2 makes of them), in {@link ArgumentSignature}'s notation. A function listed here is wrapped in
 * {@link CheckedArguments}; one that takes anything ({@code print}, {@code assert}, {@code select}, {@code error},
 * {@code os.clock}) or checks its arguments in Lua 5.2's words already is left as it is.
 */
final class LibrarySignatures {
    static final Map<String, String> BASE = Map.ofEntries(
            Map.entry("getmetatable", "v"), Map.entry("ipairs", "t"), Map.entry("next", "t x?"),
            Map.entry("pairs", "t"), Map.entry("pcall", "v"), Map.entry("rawequal", "v v"),
            Map.entry("rawget", "t v"), Map.entry("rawlen", "l"), Map.entry("rawset", "t v v"),
            Map.entry("setmetatable", "t m"), Map.entry("tonumber", "v"), Map.entry("tostring", "v"),
            Map.entry("type", "v"), Map.entry("xpcall", "x v"));

    static final Map<String, String> STRING = Map.ofEntries(
            Map.entry("byte", "s n? n?"), Map.entry("char", "n*"), Map.entry("find", "s s n? x?"),
            Map.entry("format", "s"), Map.entry("gmatch", "s s"), Map.entry("gsub", "s s g n?"),
            Map.entry("len", "s"), Map.entry("lower", "s"), Map.entry("match", "s s n?"),
            Map.entry("rep", "s n s?"), Map.entry("reverse", "s"), Map.entry("sub", "s n n?"),
            Map.entry("upper", "s"));

    static final Map<String, String> TABLE = Map.ofEntries(
            Map.entry("concat", "t s? n? n?"), Map.entry("insert", "t"), Map.entry("remove", "t n?"),
            Map.entry("sort", "t f?"), Map.entry("unpack", "t n? n?"), Map.entry("maxn", "t"));

    static final Map<String, String> MATH = Map.ofEntries(
            Map.entry("abs", "n"), Map.entry("acos", "n"), Map.entry("asin", "n"), Map.entry("atan", "n"),
            Map.entry("atan2", "n n"), Map.entry("ceil", "n"), Map.entry("cos", "n"), Map.entry("cosh", "n"),
            Map.entry("deg", "n"), Map.entry("exp", "n"), Map.entry("floor", "n"), Map.entry("fmod", "n n"),
            Map.entry("frexp", "n"), Map.entry("ldexp", "n n"), Map.entry("log", "n n?"), Map.entry("log10", "n"),
            Map.entry("max", "n n*"), Map.entry("min", "n n*"), Map.entry("modf", "n"), Map.entry("pow", "n n"),
            Map.entry("rad", "n"), Map.entry("random", "n*"), Map.entry("randomseed", "n"),
            Map.entry("sin", "n"), Map.entry("sinh", "n"), Map.entry("sqrt", "n"), Map.entry("tan", "n"),
            Map.entry("tanh", "n"));

    static final Map<String, String> BIT32 = Map.ofEntries(
            Map.entry("arshift", "n n"), Map.entry("band", "n*"), Map.entry("bnot", "n"), Map.entry("bor", "n*"),
            Map.entry("btest", "n*"), Map.entry("bxor", "n*"), Map.entry("extract", "n n n?"),
            Map.entry("lrotate", "n n"), Map.entry("lshift", "n n"), Map.entry("replace", "n n n n?"),
            Map.entry("rrotate", "n n"), Map.entry("rshift", "n n"));

    static final Map<String, String> OS = Map.of("date", "s? n?", "difftime", "n n?", "time", "d?");

    static final Map<String, String> COROUTINE = Map.of("create", "f", "resume", "c", "status", "c", "wrap", "f");
    private static final Map<String, ArgumentSignature> COROUTINE_SIGNATURES = parsed(COROUTINE);

    private LibrarySignatures() {
    }

    /**
     * Wraps the functions of {@code table} that {@code signatures} lists; {@code library} is the global the table
     * is ({@code string}), or null for the base functions.
     */
    static void install(LuaTable table, String library, Map<String, String> signatures) {
        signatures.forEach((name, spec) -> wrap(table, library, name, ArgumentSignature.of(spec)));
    }

    /** Wraps the {@code coroutine} functions of one VM (each VM has its own library), with signatures read once. */
    static void installInCoroutine(LuaTable table) {
        COROUTINE_SIGNATURES.forEach((name, signature) -> wrap(table, "coroutine", name, signature));
    }

    private static Map<String, ArgumentSignature> parsed(Map<String, String> signatures) {
        Map<String, ArgumentSignature> parsed = new java.util.HashMap<>();
        signatures.forEach((name, spec) -> parsed.put(name, ArgumentSignature.of(spec)));
        return Map.copyOf(parsed);
    }

    private static void wrap(LuaTable table, String library, String name, ArgumentSignature signature) {
        LuaValue f = table.rawget(name);
        if (f.isfunction()) {
            table.rawset(name, new CheckedArguments(f, name, library == null ? name : library + "." + name,
                    signature));
        }
    }
}
