package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.interp.InterpretedClosure;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;

/**
 * An actor's globals, with the value of {@code ctx} also kept in a field.
 * <p>
 * Why: nearly every handler starts with the global {@code ctx}, and LuaJ finds it by a hash walk through
 * interface-typed slots. The table still holds the key (so {@code next}, {@code pairs} and {@code _G} see it as
 * before); every write to it goes through {@link #hashset}, which keeps the field equal to the slot.
 * <p>
 * A name not in the table itself is looked up among the shared libraries ({@link Sandbox#sharedGlobal}), so that
 * the globals need no metatable of their own: a script may set one, as Lua allows.
 */
final class ActorGlobals extends Globals implements Globals.Loader {
    static final LuaString CTX = LuaString.valueOf("ctx");

    static final LuaString STRING = LuaString.valueOf("string");
    private static final LuaString LOAD = LuaString.valueOf("load");
    private static final LuaString PRINT = LuaString.valueOf("print");
    private static final int LOAD_MADE = 1;
    private static final int PRINT_MADE = 2;
    private static final int ALL_MADE = LOAD_MADE | PRINT_MADE;

    private LuaValue ctx = NIL;
    /** This actor's {@code string} global, created on first use. */
    private ActorStringTable strings;
    /** What this actor changed in the shared libraries ({@link LibraryTable}), per library; null until it does. */
    private java.util.IdentityHashMap<LuaTable, LuaTable> libraryChanges;
    /** The coroutine library is being created: LuaJ's look-ups of it meanwhile must not start another. */
    private boolean creatingLibrary;
    /*
     * load and print are put in at their first use, as ctx's functions are (CtxTable): an idle actor holds neither.
     * A bit of made is set once the entry is in the table or the script set that name (so a removed one stays so).
     */
    private final String actor;
    private final boolean compileLoadedChunks;
    private byte made;

    ActorGlobals(String actor, boolean compileLoadedChunks) {
        this.actor = actor;
        this.compileLoadedChunks = compileLoadedChunks;
    }

    /**
     * What the table holds for a standard global this actor assigned nil ({@code string = nil}): the name is then
     * nil for it, as in Lua, instead of showing the shared library again. Never handed to Lua code.
     */
    private static final LuaValue REMOVED = LuaValue.userdataOf(new Object());

    @Override
    protected LuaValue hashget(LuaValue key) {
        if (key instanceof LuaString s && s.raweq(CTX)) {
            return ctx;
        }
        LuaValue own = super.hashget(key);
        if (own == REMOVED) {
            return NIL;
        }
        if (own.isnil() && made != ALL_MADE) {
            int entry = lazyEntry(key);
            if (entry != 0 && (made & entry) == 0) {
                return make(entry);
            }
        }
        return own.isnil() ? Sandbox.sharedGlobal(this, key) : own;
    }

    /** Which of load ({@link #LOAD_MADE}) and print ({@link #PRINT_MADE}) {@code key} names, or 0. */
    private static int lazyEntry(LuaValue key) {
        if (key instanceof LuaString s) {
            if (s.raweq(LOAD)) {
                return LOAD_MADE;
            }
            if (s.raweq(PRINT)) {
                return PRINT_MADE;
            }
        }
        return 0;
    }

    private LuaValue make(int entry) {
        LuaValue value = entry == LOAD_MADE ? Sandbox.newLoad(this, compileLoadedChunks) : Sandbox.newPrint(actor);
        made |= (byte) entry;
        super.hashset(entry == LOAD_MADE ? LOAD : PRINT, value);
        return value;
    }

    /**
     * The VM's loader ({@code globals.load} from Java, a customizer's): the runtime's interpreter, reporting to this
     * VM's hook whatever environment the chunk gets. The VM itself, so that an idle actor holds no loader object.
     */
    @Override
    public LuaFunction load(Prototype prototype, String chunkName, LuaValue env) {
        return new InterpretedClosure(prototype, env, this);
    }

    /** This actor's {@code string} global. */
    ActorStringTable strings() {
        if (strings == null) {
            strings = new ActorStringTable();
        }
        return strings;
    }

    /** The functions this actor added to {@code string}, or null if it has not used {@code string} yet. */
    ActorStringTable stringsIfUsed() {
        return strings;
    }

    /** This actor's changes to the shared {@code library} (a new, empty table if {@code create}), or null. */
    LuaTable libraryChanges(LuaTable library, boolean create) {
        if (libraryChanges == null) {
            if (!create) {
                return null;
            }
            libraryChanges = new java.util.IdentityHashMap<>(4);
        }
        LuaTable changes = libraryChanges.get(library);
        if (changes == null && create) {
            changes = new LuaTable();
            libraryChanges.put(library, changes);
        }
        return changes;
    }

    /** The tables of this actor's library changes, which its memory limit counts (none: an empty list). */
    java.util.Collection<LuaTable> libraryChangeTables() {
        return libraryChanges == null ? java.util.List.of() : libraryChanges.values();
    }

    boolean startCreating() {
        if (creatingLibrary) {
            return false;
        }
        creatingLibrary = true;
        return true;
    }

    void doneCreating() {
        creatingLibrary = false;
    }

    /** A global read (not rawget): as LuaJ's, but a name the sandbox removed raises instead of giving nil. */
    @Override
    public LuaValue get(LuaValue key) {
        LuaValue v = super.get(key);
        if (v.isnil()) {
            Sandbox.checkAvailable(key);
        }
        return v;
    }

    /** {@code pairs(_G)}: this VM's own globals, then the shared ones it does not shadow. */
    @Override
    public Varargs next(LuaValue key) {
        if ((made & LOAD_MADE) == 0) {
            make(LOAD_MADE);
        }
        if ((made & PRINT_MADE) == 0) {
            make(PRINT_MADE);
        }
        if (super.hashget(Sandbox.COROUTINE).isnil()) {
            // This VM's coroutine library is made at its first read: a traversal is one (a removed one stays so).
            Sandbox.sharedGlobal(this, Sandbox.COROUTINE);
        }
        boolean ownPhase = key.isnil() || !Sandbox.isShared(key) || !super.hashget(key).isnil();
        Varargs n = ownPhase ? super.next(key) : NONE;
        while (ownPhase && n.arg(2) == REMOVED) {
            n = super.next(n.arg1());
        }
        if (ownPhase && !n.arg1().isnil()) {
            return n;
        }
        LuaValue k = ownPhase ? NIL : key;
        while (true) {
            n = Sandbox.nextShared(k);
            k = n.arg1();
            if (k.isnil() || super.hashget(k).isnil()) {
                return k.raweq(STRING) ? varargsOf(k, strings()) : n;
            }
        }
    }

    @Override
    public void hashset(LuaValue key, LuaValue value) {
        if (made != ALL_MADE) {
            made |= (byte) lazyEntry(key);
        }
        super.hashset(key, value.isnil() && Sandbox.providesGlobal(key) ? REMOVED : value);
        if (key instanceof LuaString s && s.raweq(CTX)) {
            ctx = value;
        }
    }
}
