package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.interp.LuaOperators;
import io.github.luaactor.core.internal.stdlib.ErrorValues;
import io.github.luaactor.core.internal.stdlib.ListLength;
import io.github.luaactor.core.internal.stdlib.RaisedError;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code table.sort(list [, comp])} as in Lua 5.2: sorts {@code list[1 .. #list]} ({@code __len} counts) with
 * {@code comp(a, b)} or, without it, the {@code <} operator, metamethods and its error messages included
 * ({@code attempt to compare number with string}). LuaJ's version sorts only the table's array part, so a list built
 * from the end ({@code t[5] = …} before {@code t[1] = …}) came out unsorted, and garbled comparison errors.
 * <p>
 * Both algorithms ask only "is a before b?", as {@code comp} answers. A list of up to {@value #COPIED} elements is
 * read once into an array, merge-sorted there (fewest calls of {@code comp}) and written back raw; a longer one is
 * heap-sorted in place, as C Lua sorts in place, so that a {@code __len} claiming 2^31 elements costs no memory (its
 * first comparison of two nils fails, or the budget stops it). An order function that contradicts itself gives some
 * order of the same elements (Lua may raise {@code invalid order function for sorting} instead); the work is charged
 * as {@code n log n} moves before it starts.
 */
final class TableSort extends VarArgFunction {
    /** Longest list sorted in a copy: two arrays of it stay below 8 MiB. */
    static final int COPIED = 1 << 20;
    /** Runs this short are sorted by insertion. */
    private static final int INSERTION_RUN = 8;

    private final int copied;

    TableSort() {
        this(COPIED);
    }

    /** With another bound between the two algorithms, for tests of the in-place one. */
    TableSort(int copied) {
        this.name = "sort";
        this.copied = copied;
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaTable list = args.checktable(1);
        LuaValue order = args.arg(2);
        if (!order.isnil()) {
            order.checkfunction();
        }
        int n = ListLength.of(list);
        if (n < 2) {
            return NONE;
        }
        MeteredLibraryFunctions.chargeMoves((long) n * (64 - Long.numberOfLeadingZeros(n)));
        if (n > copied) {
            heapSort(list, n, order);
            return NONE;
        }
        LuaValue[] items = new LuaValue[n];
        for (int i = 0; i < n; i++) {
            items[i] = list.rawget(i + 1);
        }
        sort(items, new LuaValue[n], 0, n, order);
        for (int i = 0; i < n; i++) {
            list.rawset(i + 1, items[i]);
        }
        return NONE;
    }

    private static void sort(LuaValue[] items, LuaValue[] scratch, int from, int to, LuaValue order) {
        if (to - from <= INSERTION_RUN) {
            insertionSort(items, from, to, order);
            return;
        }
        int mid = (from + to) >>> 1;
        sort(items, scratch, from, mid, order);
        sort(items, scratch, mid, to, order);
        if (!before(items[mid], items[mid - 1], order)) {
            return;
        }
        System.arraycopy(items, from, scratch, from, mid - from);
        int left = from;
        int right = mid;
        int out = from;
        while (left < mid && right < to) {
            items[out++] = before(items[right], scratch[left], order) ? items[right++] : scratch[left++];
        }
        while (left < mid) {
            items[out++] = scratch[left++];
        }
    }

    private static void insertionSort(LuaValue[] items, int from, int to, LuaValue order) {
        for (int i = from + 1; i < to; i++) {
            LuaValue item = items[i];
            int j = i;
            while (j > from && before(item, items[j - 1], order)) {
                items[j] = items[j - 1];
                j--;
            }
            items[j] = item;
        }
    }

    /** Sorts {@code list[1 .. n]} in place: a max-heap in the list, its root swapped to the end one by one. */
    private static void heapSort(LuaTable list, int n, LuaValue order) {
        for (int root = n / 2; root >= 1; root--) {
            siftDown(list, root, n, order);
        }
        for (int end = n; end > 1; end--) {
            LuaValue top = list.rawget(1);
            list.rawset(1, list.rawget(end));
            list.rawset(end, top);
            siftDown(list, 1, end - 1, order);
        }
    }

    private static void siftDown(LuaTable list, int root, int end, LuaValue order) {
        LuaValue item = list.rawget(root);
        while (root <= end / 2) {
            int child = 2 * root;
            LuaValue larger = list.rawget(child);
            if (child < end) {
                LuaValue right = list.rawget(child + 1);
                if (before(larger, right, order)) {
                    child++;
                    larger = right;
                }
            }
            if (!before(item, larger, order)) {
                break;
            }
            list.rawset(root, larger);
            root = child;
        }
        list.rawset(root, item);
    }

    private static boolean before(LuaValue a, LuaValue b, LuaValue order) {
        if (!order.isnil()) {
            return order.call(a, b).toboolean();
        }
        try {
            return LuaOperators.lt(a, b);
        } catch (LuaError e) {
            throw unpositioned(e);
        }
    }

    /**
     * C Lua positions a runtime error at the Lua function running when it is raised; here that is {@code sort}
     * itself, so {@code attempt to compare number with string} carries no {@code chunk:line:} (an error from a
     * metamethod's Lua code was positioned there already and stays as it is).
     */
    private static LuaError unpositioned(LuaError e) {
        if (e.getClass() != LuaError.class || e.getCause() != null || ErrorValues.position(e) != null) {
            return e;
        }
        LuaValue message = ErrorValues.of(e, null);
        return message.isstring() ? new RaisedError(message) : e;
    }
}
