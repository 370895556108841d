package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.interp.LuaOperators;
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
 * A merge sort that asks only "is a before b?", as {@code comp} answers: the elements are read once into an array,
 * sorted there and written back raw. An order function that contradicts itself gives some order of the same elements
 * (Lua may raise {@code invalid order function for sorting} instead); the work is charged as {@code n log n} moves.
 */
final class TableSort extends VarArgFunction {
    /** Runs this short are sorted by insertion. */
    private static final int INSERTION_RUN = 8;

    TableSort() {
        this.name = "sort";
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

    private static boolean before(LuaValue a, LuaValue b, LuaValue order) {
        return order.isnil() ? LuaOperators.lt(a, b) : order.call(a, b).toboolean();
    }
}
