package io.github.luaactor.core.internal.sandbox;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * The built-in {@code json} module's functions, charged to the running handler as the other library functions that
 * loop in Java are ({@link MeteredLibraryFunctions}): the text's length as work, so that a handler decoding in a loop
 * reads its clock as often as if it ran instructions, and what a decoded value may hold as allocation, so that the
 * memory limit measures what the actor keeps (a decode builds its tables in Java, where the hook never sees them).
 */
public final class MeteredJson {
    /**
     * Allocation charged per byte of decoded text: an upper estimate ({@code [1,1,...]} makes a table slot of
     * 32 bytes for every two bytes, {@code ["a","a",...]} a slot and a string for every
     * four). Charging more than is made only brings the next measurement of what is retained forward.
     */
    static final long DECODED_BYTES_PER_BYTE = 24;

    private MeteredJson() {
    }

    /** Replaces {@code json.decode} and {@code json.encode} in {@code json} with their metered forms. */
    public static void install(LuaTable json) {
        json.rawset("decode", new MeteredLibraryFunctions.ByText(json.rawget("decode"), "json.decode",
                RetainedSize.TABLE_BYTES, DECODED_BYTES_PER_BYTE));
        json.rawset("encode", new Encode(json.rawget("encode")));
    }

    private static final class Encode extends OneArgFunction {
        private final LuaValue encode;

        Encode(LuaValue encode) {
            this.encode = encode;
            this.name = "json.encode";
        }

        @Override
        public LuaValue call(LuaValue value) {
            LuaValue text = encode.call(value);
            if (text instanceof LuaString s) {
                MeteredLibraryFunctions.chargeBytes(s.m_length);
            }
            return text;
        }
    }
}
