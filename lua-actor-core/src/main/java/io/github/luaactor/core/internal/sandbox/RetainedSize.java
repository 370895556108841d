package io.github.luaactor.core.internal.sandbox;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Varargs;

/**
 * An estimate of the heap an actor's Lua values hold: a walk over tables, strings and closures reachable from the
 * given roots, each counted once. The sizes are those of LuaJ's objects on a 64-bit JVM with compressed references,
 * rounded up; a string's bytes count in full even when it shares them with another (a substring does), so the
 * estimate errs high. Library tables shared by all VMs are read-only and not counted. Stops as soon as the total
 * passes {@code stopAbove}, so its cost is bounded by the limit it checks, not by what a script built.
 */
final class RetainedSize {
    static final long TABLE_BYTES = 64;
    static final long ENTRY_BYTES = 32;
    static final long STRING_BYTES = 48;
    static final long CLOSURE_BYTES = 32;
    static final long UPVALUE_BYTES = 24;
    /** A function's prototype, besides its code and constants (a chunk {@code load} made holds its text's). */
    static final long PROTOTYPE_BYTES = 96;
    /** A coroutine: its LuaThread and state; the frames of its Java thread are not visible and not counted. */
    static final long COROUTINE_BYTES = 1024;

    private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
    private final ArrayDeque<LuaValue> pending = new ArrayDeque<>();
    private final long stopAbove;
    private long total;

    private RetainedSize(long stopAbove) {
        this.stopAbove = stopAbove;
    }

    /** The estimate for everything reachable from {@code roots} (null entries are skipped), at most just over {@code stopAbove}. */
    static long of(long stopAbove, LuaValue... roots) {
        RetainedSize walk = new RetainedSize(stopAbove);
        for (LuaValue root : roots) {
            walk.add(root);
        }
        return walk.run();
    }

    /** Adds the registers of live Lua frames (locals and temporaries of the running handler). */
    static long withFrames(long stopAbove, LuaValue[][] frames, int depth, LuaValue... roots) {
        return withFrames(stopAbove, frames, depth, List.of(), roots);
    }

    /**
     * Adds the registers of live Lua frames, and every frame of {@code suspended}: the register stacks of handlers
     * suspended in {@code ctx.send}, each group that of one suspension.
     */
    static long withFrames(long stopAbove, LuaValue[][] frames, int depth, List<List<LuaValue[][]>> suspended,
            LuaValue... roots) {
        RetainedSize walk = new RetainedSize(stopAbove);
        for (LuaValue root : roots) {
            walk.add(root);
        }
        walk.addFrames(frames, depth);
        for (List<LuaValue[][]> group : suspended) {
            for (LuaValue[][] stack : group) {
                walk.addFrames(stack, stack.length);
            }
        }
        return walk.run();
    }

    private void addFrames(LuaValue[][] frames, int depth) {
        for (int i = 0; i < depth && i < frames.length; i++) {
            LuaValue[] frame = frames[i];
            if (frame != null) {
                for (LuaValue v : frame) {
                    add(v);
                }
            }
        }
    }

    private void add(LuaValue v) {
        if (v == null || v instanceof ReadOnlyTable) {
            return;
        }
        if (v instanceof LuaString || v instanceof LuaTable || v instanceof LuaClosure || v instanceof LuaThread) {
            if (seen.put(v, Boolean.TRUE) == null) {
                pending.add(v);
            }
        }
    }

    private long run() {
        while (!pending.isEmpty() && total <= stopAbove) {
            LuaValue v = pending.poll();
            if (v instanceof LuaString s) {
                total += STRING_BYTES + s.m_length;
            } else if (v instanceof LuaTable t) {
                table(t);
            } else if (v instanceof LuaClosure c) {
                closure(c);
            } else {
                total += COROUTINE_BYTES;
            }
        }
        return total;
    }

    private void table(LuaTable t) {
        total += TABLE_BYTES;
        if (t instanceof ActorGlobals actor) {
            // What the actor stored in its own view of the shared libraries lives outside the shared tables.
            actor.libraryChangeTables().forEach(this::add);
        }
        LuaValue metatable = t.getmetatable();
        if (metatable != null) {
            add(metatable);
        }
        LuaValue k = LuaValue.NIL;
        while (total <= stopAbove) {
            Varargs next = t.next(k);
            k = next.arg1();
            if (k.isnil()) {
                break;
            }
            total += ENTRY_BYTES;
            add(k);
            add(next.arg(2));
        }
    }

    private void closure(LuaClosure c) {
        total += CLOSURE_BYTES;
        prototype(c.p);
        UpValue[] upValues = c.upValues;
        if (upValues != null) {
            for (UpValue u : upValues) {
                if (u != null) {
                    total += UPVALUE_BYTES;
                    add(u.getValue());
                }
            }
        }
    }

    /** Once per walk: its instructions and line numbers, its constants (as values) and nested functions. */
    private void prototype(Prototype p) {
        if (p == null || seen.put(p, Boolean.TRUE) != null) {
            return;
        }
        total += PROTOTYPE_BYTES + 4L * p.code.length + (p.lineinfo == null ? 0 : 4L * p.lineinfo.length);
        if (p.k != null) {
            for (LuaValue constant : p.k) {
                add(constant);
            }
        }
        if (p.p != null) {
            for (Prototype nested : p.p) {
                prototype(nested);
            }
        }
    }
}
