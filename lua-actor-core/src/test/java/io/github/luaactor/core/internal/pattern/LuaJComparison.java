package io.github.luaactor.core.internal.pattern;

import java.util.ArrayList;
import java.util.List;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs one call of a pattern function on LuaJ's own {@code StringLib} and on this package's, and describes the
 * outcome (values with their types, or the error) so that two outcomes compare as strings.
 */
final class LuaJComparison {
    /** A plain LuaJ VM: its {@code string} table is LuaJ's own, and it evaluates the argument lists. */
    static final Globals LUAJ = JsePlatform.standardGlobals();
    static final LuaTable OURS = new LuaTable();
    private static final LuaTable LUAJ_STRING = (LuaTable) LUAJ.get("string");
    private static final int MAX_ITERATIONS = 200;

    static {
        PatternLibrary.install(OURS, MatchBudget.UNLIMITED);
    }

    private LuaJComparison() {
    }

    /** The arguments written as a Lua expression list, e.g. {@code "'hello', '(l+)'"}. */
    static Varargs arguments(String luaArguments) {
        return LUAJ.load("return " + luaArguments, "=arguments").invoke();
    }

    static String ours(String function, String luaArguments) {
        return outcome(OURS.get(function), function, arguments(luaArguments));
    }

    /**
     * Lua 5.2's {@code gmatch} written in Lua over LuaJ's {@code find}: LuaJ's own {@code gmatch} repeats an empty
     * match forever and never tries the empty match at the end of the subject. {@code ^} is escaped because
     * {@code find} would take it as an anchor, which {@code gmatch} does not.
     */
    private static final LuaValue REFERENCE_GMATCH = LUAJ.load("""
            local find, sub, select = string.find, string.sub, select
            return function(s, p)
              s, p = tostring(s), tostring(p)
              if sub(p, 1, 1) == '^' then p = '%' .. p end
              local pos = 1
              local function results(st, en, ...)
                if st == nil then pos = #s + 2 return nil end
                pos = en < st and st + 1 or en + 1
                if select('#', ...) == 0 then return sub(s, st, en) end
                return ...
              end
              return function()
                if pos > #s + 1 then return nil end
                return results(find(s, p, pos))
              end
            end""", "=gmatch").call();

    static String luaj(String function, String luaArguments) {
        if (!function.equals("gmatch")) {
            return outcome(LUAJ_STRING.get(function), function, arguments(luaArguments));
        }
        try {
            LUAJ_STRING.get("gmatch").invoke(arguments(luaArguments)); // LuaJ's own argument checks
        } catch (LuaError e) {
            return "error: " + e.getMessage();
        }
        return outcome(REFERENCE_GMATCH, function, arguments(luaArguments));
    }

    /** {@code 3:number 'ab':string}; for gmatch every iteration; {@code error: message} for a Lua error. */
    static String outcome(LuaValue function, String name, Varargs args) {
        try {
            Varargs result = function.invoke(args);
            if (!name.equals("gmatch")) {
                return describe(result);
            }
            LuaValue iterator = result.arg1();
            List<String> rounds = new ArrayList<>();
            for (int i = 0; i < MAX_ITERATIONS; i++) {
                Varargs round = iterator.invoke();
                if (round.arg1().isnil()) {
                    break;
                }
                rounds.add("[" + describe(round) + "]");
            }
            return String.join(" ", rounds);
        } catch (LuaError e) {
            return "error: " + e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            return "java: " + e.getClass().getSimpleName();
        }
    }

    private static String describe(Varargs values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= values.narg(); i++) {
            LuaValue v = values.arg(i);
            if (i > 1) {
                sb.append(' ');
            }
            sb.append(v.isstring() && !v.isnumber() ? "'" + v.tojstring() + "'" : v.tojstring()).append(':')
                    .append(v.typename());
        }
        return sb.toString();
    }
}
