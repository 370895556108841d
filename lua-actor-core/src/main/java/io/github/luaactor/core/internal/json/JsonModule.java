package io.github.luaactor.core.internal.json;

import java.util.function.IntSupplier;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * The built-in {@code json} module: {@code json.encode(value)} and {@code json.decode(text)}, backed by Jackson's
 * streaming API and bound by the sandbox's limits (string size, nesting depth).
 */
public final class JsonModule {
    private JsonModule() {
    }

    /**
     * Puts {@code encode} and {@code decode} into {@code table}. The functions hold no state, so one table can be
     * shared read-only by every VM; {@code maxStringLength} is asked at each call because the limit belongs to the
     * actor running on the calling thread.
     */
    public static void install(LuaTable table, IntSupplier maxStringLength) {
        table.rawset("encode", new Encode(maxStringLength));
        table.rawset("decode", new Decode(maxStringLength));
    }

    private static final class Encode extends OneArgFunction {
        private final IntSupplier maxStringLength;

        Encode(IntSupplier maxStringLength) {
            this.maxStringLength = maxStringLength;
            this.name = "json.encode";
        }

        @Override
        public LuaValue call(LuaValue value) {
            try {
                return Json.encode(value, maxStringLength.getAsInt());
            } catch (Json.JsonException e) {
                throw new LuaError("json.encode: " + e.getMessage());
            }
        }
    }

    private static final class Decode extends OneArgFunction {
        private final IntSupplier maxStringLength;

        Decode(IntSupplier maxStringLength) {
            this.maxStringLength = maxStringLength;
            this.name = "json.decode";
        }

        @Override
        public LuaValue call(LuaValue text) {
            try {
                return Json.decode(text.checkstring(), maxStringLength.getAsInt());
            } catch (Json.JsonException e) {
                throw new LuaError("json.decode: " + e.getMessage());
            }
        }
    }
}
