package io.github.luaactor.core.internal.sandbox;

import java.util.Set;

import io.github.luaactor.core.internal.pattern.MatchBudget;
import io.github.luaactor.core.internal.pattern.PatternLibrary;
import io.github.luaactor.core.internal.stdlib.AsciiCase;
import io.github.luaactor.core.internal.stdlib.AssertFunction;
import io.github.luaactor.core.internal.stdlib.BitFields;
import io.github.luaactor.core.internal.stdlib.BitOperations;
import io.github.luaactor.core.internal.stdlib.Conversions;
import io.github.luaactor.core.internal.stdlib.ErrorFunctions;
import io.github.luaactor.core.internal.stdlib.MathFunctions;
import io.github.luaactor.core.internal.stdlib.RandomFunctions;
import io.github.luaactor.core.internal.stdlib.SelectFunction;
import io.github.luaactor.core.internal.stdlib.StringFormat;
import io.github.luaactor.core.internal.stdlib.TableUnpack;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.Bit32Lib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;
import org.luaj.vm2.lib.jse.JseOsLib;

/**
 * The library tables every actor VM shares: built once per JVM, read-only, so a VM costs only its own globals.
 * Also installs a read-only string metatable, which LuaJ keeps in a static field shared by all VMs.
 */
public final class SharedLibraries {

    /** Globals a sandboxed script may not use; reading one raises a clear error instead of giving nil. */
    public static final Set<String> FORBIDDEN_GLOBALS = Set.of("io", "debug", "luajava", "package", "require", "dofile",
            "loadfile", "collectgarbage", "module", "loadstring", "setfenv", "getfenv", "newproxy");

    /** What {@code getmetatable} returns for a protected shared table. */
    static final LuaValue PROTECTED = LuaValue.valueOf("protected by the Lua actor sandbox");

    private static final ThreadLocal<RandomFunctions.State> UNBOUND_RANDOM =
            ThreadLocal.withInitial(RandomFunctions.State::new);

    static final LuaTable STRING;
    static final LuaTable TABLE;
    static final LuaTable MATH;
    static final LuaTable BIT32;
    static final LuaTable OS;
    /** Functions of the base library that hold no per-VM state, keyed by global name. */
    static final LuaTable STATELESS_BASE;

    static {
        Globals template = new Globals();
        template.load(new BaseLib());
        template.load(new PackageLib());
        // Installed before StringLib loads, which only sets the static metatable when it is still null.
        LuaString.s_metatable = null;
        template.load(new StringLib());
        template.load(new TableLib());
        template.load(new JseMathLib());
        template.load(new Bit32Lib());
        template.load(new JseOsLib());

        STRING = copy("string", template.get("string"), Set.of("dump"));
        STRING.rawset("rep", new CappedStringFunctions.Rep());
        STRING.rawset("format", new CappedStringFunctions.Format(
                new StringFormat(length -> CappedStringFunctions.check("string.format", length))));
        LuaValue strings = template.get("string");
        STRING.rawset("byte", new MeteredLibraryFunctions.Byte());
        STRING.rawset("sub", new StringSub());
        STRING.rawset("upper", new MeteredLibraryFunctions.ByLength(AsciiCase.upper()));
        STRING.rawset("lower", new MeteredLibraryFunctions.ByLength(AsciiCase.lower()));
        STRING.rawset("reverse", new MeteredLibraryFunctions.ByLength(strings.get("reverse")));
        PatternLibrary.install(STRING, MatchBudget.of(LibraryCharges::chargeLibraryStep, CappedStringFunctions::check));
        NumberTextArguments.installInString(STRING);
        LibrarySignatures.install(STRING, "string", LibrarySignatures.STRING);
        seal(STRING, "string", Set.of("dump"));
        TABLE = copy("table", template.get("table"), Set.of());
        TABLE.rawset("concat", NumberTextArguments.wrap(new CappedStringFunctions.Concat(), 2));
        TABLE.rawset("unpack", new MeteredLibraryFunctions.Unpack(new TableUnpack()));
        TABLE.rawset("sort", new TableSort());
        TABLE.rawset("insert", new TableInsert());
        TABLE.rawset("remove", new TableRemove());
        // deprecated in 5.2, kept by its standard build (LUA_COMPAT_MAXN)
        TABLE.rawset("maxn", new TableMaxn());
        LibrarySignatures.install(TABLE, "table", LibrarySignatures.TABLE);
        seal(TABLE, "table", Set.of());
        MATH = copy("math", template.get("math"), Set.of());
        MATH.rawset("random", RandomFunctions.random(SharedLibraries::randomState));
        MATH.rawset("randomseed", RandomFunctions.randomseed(SharedLibraries::randomState));
        MathFunctions.install(MATH);
        LibrarySignatures.install(MATH, "math", LibrarySignatures.MATH);
        seal(MATH, "math", Set.of());
        BIT32 = copy("bit32", template.get("bit32"), Set.of());
        BitOperations.install(BIT32);
        BitFields.install(BIT32);
        LibrarySignatures.install(BIT32, "bit32", LibrarySignatures.BIT32);
        seal(BIT32, "bit32", Set.of());

        ReadOnlyTable os = new LibraryTable("os");
        for (String name : new String[] {"time", "clock"}) {
            os.rawset(name, template.get("os").get(name));
        }
        os.rawset("date", NumberTextArguments.wrap(new CappedStringFunctions.Date(), 1));
        os.rawset("difftime", new DiffTime());
        LibrarySignatures.install(os, "os", LibrarySignatures.OS);
        OS = seal(os, "os", Set.of("execute", "exit", "getenv", "remove", "rename", "setlocale", "tmpname"));

        STATELESS_BASE = new LuaTable();
        for (String name : new String[] {"assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall",
                "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring", "type"}) {
            STATELESS_BASE.rawset(name, template.get(name));
        }
        STATELESS_BASE.rawset("assert", new AssertFunction(BudgetHook::boundToCurrentThread));
        STATELESS_BASE.rawset("tostring", Conversions.tostringFunction());
        STATELESS_BASE.rawset("tonumber", Conversions.tonumberFunction());
        STATELESS_BASE.rawset("select", new SelectFunction());
        IterationMetamethod pairs = new IterationMetamethod("pairs", template.get("pairs"));
        STATELESS_BASE.rawset("pairs", pairs);
        STATELESS_BASE.rawset("ipairs", new IterationMetamethod("ipairs", template.get("ipairs")));
        STATELESS_BASE.rawset("rawget", new RawGetFunction());
        STATELESS_BASE.rawset("rawset", new RawSetFunction(template.get("rawset")));
        STATELESS_BASE.rawset("error", ErrorFunctions.error(BudgetHook::boundToCurrentThread));
        STATELESS_BASE.rawset("pcall", ErrorFunctions.pcall(BudgetHook::boundToCurrentThread));
        STATELESS_BASE.rawset("xpcall", ErrorFunctions.xpcall(BudgetHook::boundToCurrentThread));
        LibrarySignatures.install(STATELESS_BASE, null, LibrarySignatures.BASE);
        pairs.returnNext(STATELESS_BASE.rawget("next"));

        LuaString.s_metatable = new StringMetatable(STRING);
    }

    private SharedLibraries() {
    }

    /**
     * The generator of the VM whose handler runs on this thread; outside a handler (a customizer's Java code) one
     * per thread.
     */
    private static RandomFunctions.State randomState() {
        BudgetHook hook = BudgetHook.boundToCurrentThread();
        return hook != null ? hook.random() : UNBOUND_RANDOM.get();
    }

    /** Loads the class, which installs the shared string metatable. */
    static void ensureInstalled() {
        // the static initializer does the work
    }

    private static ReadOnlyTable copy(String name, LuaValue source, Set<String> omit) {
        // string: each actor's view is its own table (ActorStringTable); the others change per actor in place.
        ReadOnlyTable table = "string".equals(name) ? new ReadOnlyTable(name) : new LibraryTable(name);
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = source.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            if (!omit.contains(k.tojstring())) {
                table.rawset(k, n.arg(2));
            }
        }
        return table;
    }

    private static ReadOnlyTable seal(LuaTable table, String name, Set<String> forbidden) {
        ReadOnlyTable readOnly = (ReadOnlyTable) table;
        if (!forbidden.isEmpty()) {
            // Shared by every VM like the library itself: writable, it would let one actor plant an __index
            // function that other actors then run. __metatable hides it from getmetatable as well.
            ReadOnlyTable meta = new ReadOnlyTable(name + " metatable");
            meta.rawset(LuaValue.INDEX, new ForbiddenField(name, forbidden, "string".equals(name)));
            meta.rawset(LuaValue.METATABLE, PROTECTED);
            readOnly.setmetatable(meta.seal());
        }
        return readOnly.seal();
    }

    public static LuaError notAvailable(String what) {
        return new LuaError("'" + what + "' is not available in the Lua actor sandbox");
    }

    /** {@code __index} of a library table: names removed by the sandbox raise an error, others are nil. */
    private static final class ForbiddenField extends TwoArgFunction {
        private final String library;
        private final Set<String> forbidden;

        /** For {@code string}: a name the library lacks may be one the running actor added. */
        private final boolean actorAdditions;

        ForbiddenField(String library, Set<String> forbidden, boolean actorAdditions) {
            this.library = library;
            this.forbidden = forbidden;
            this.actorAdditions = actorAdditions;
        }

        @Override
        public LuaValue call(LuaValue table, LuaValue key) {
            if (key.isstring() && forbidden.contains(key.tojstring())) {
                throw notAvailable(library + "." + key.tojstring());
            }
            if (actorAdditions) {
                BudgetHook hook = BudgetHook.boundToCurrentThread();
                if (hook != null && hook.vm() instanceof ActorGlobals g && g.stringsIfUsed() != null) {
                    return g.stringsIfUsed().rawget(key);
                }
            }
            return NIL;
        }
    }
}
