package io.github.luaactor.core.internal.sandbox;

import io.github.luaactor.core.internal.stdlib.Conversions;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** {@code os.difftime(t2 [, t1])} as 5.2.4's: {@code t1} defaults to 0 (LuaJ required it). */
final class DiffTime extends VarArgFunction {
    DiffTime() {
        this.name = "difftime";
    }

    @Override
    public Varargs invoke(Varargs args) {
        double t2 = Conversions.numeral(args.arg(1));
        double t1 = args.isnoneornil(2) ? 0 : Conversions.numeral(args.arg(2));
        return valueOf(t2 - t1);
    }
}
