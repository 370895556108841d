package io.github.luaactor.core.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * Both of {@link TableSort}'s algorithms, the copy (merge sort) and the in-place heap sort a long list gets, chosen
 * here by the bound between them: every one sorts as {@code <} or the order function says.
 */
class TableSortTest {

    @ParameterizedTest
    @ValueSource(ints = {1_000_000, 0})
    void sortsNumbersAscendingWithoutAnOrderFunction(int copied) {
        for (int n : new int[] {0, 1, 2, 3, 7, 8, 9, 31, 200, 1_001}) {
            LuaTable list = shuffled(n, n);
            new TableSort(copied).call(list);
            assertThat(values(list, n)).as("n = %d", n).isSorted().hasSize(n);
            assertThat(list.rawlen()).isEqualTo(n);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000_000, 0})
    void sortsByTheOrderFunctionAndKeepsEveryElement(int copied) {
        LuaTable list = shuffled(500, 7);
        new TableSort(copied).call(list, new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue a, LuaValue b) {
                return valueOf(a.toint() > b.toint());
            }
        });
        List<Integer> values = values(list, 500);
        assertThat(values.reversed()).isSorted();
        assertThat(values).containsExactlyInAnyOrderElementsOf(values(shuffled(500, 7), 500));
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000_000, 0})
    void aNilInsideTheListFailsAsTheComparisonDoes(int copied) {
        LuaTable list = shuffled(10, 3);
        list.rawset(5, LuaValue.NIL);
        list.rawset(10, LuaValue.valueOf(1));
        LuaTable withLength = new LuaTable();
        withLength.rawset(LuaValue.LEN, new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue t, LuaValue unused) {
                return valueOf(10);
            }
        });
        list.setmetatable(withLength);
        assertThatThrownBy(() -> new TableSort(copied).call(list)).isInstanceOf(LuaError.class)
                .hasMessageContaining("attempt to compare").hasMessageContaining("nil");
    }

    private static LuaTable shuffled(int n, long seed) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(i % 17 * 1_000 + i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer swap = values.get(i);
            values.set(i, values.get(j));
            values.set(j, swap);
        }
        LuaTable list = new LuaTable();
        for (int i = 0; i < n; i++) {
            list.rawset(i + 1, LuaValue.valueOf(values.get(i)));
        }
        return list;
    }

    private static List<Integer> values(LuaTable list, int n) {
        List<Integer> values = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            values.add(list.rawget(i).toint());
        }
        return values;
    }
}
