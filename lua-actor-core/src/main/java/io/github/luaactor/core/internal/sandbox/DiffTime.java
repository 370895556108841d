package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.stdlib.Conversions;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** {@code os.difftime(t2 [, t1])} as 5.2.4's: whole seconds, {@code t1} defaults to 0 (LuaJ required it). */
final class DiffTime extends VarArgFunction {
    DiffTime() {
        this.name = "difftime";
    }

    @Override
    public Varargs invoke(Varargs args) {
        // both are time_t, whole seconds: os.difftime(1.5, 0.2) is 1
        long t2 = (long) Conversions.numeral(args.arg(1));
        long t1 = args.isnoneornil(2) ? 0 : (long) Conversions.numeral(args.arg(2));
        return valueOf((double) t2 - (double) t1);
    }
}
