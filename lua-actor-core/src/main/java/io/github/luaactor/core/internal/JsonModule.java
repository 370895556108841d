package io.github.luaactor.core.internal;

import io.github.luaactor.core.LuaMessage;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * The built-in {@code json} module: {@code json.encode(value)} and {@code json.decode(text)}, backed by Java and
 * bound by the sandbox's limits (string size, nesting depth). Shared read-only by every VM.
 */
public final class JsonModule {
    public static final LuaTable TABLE;

    static {
        ReadOnlyTable table = new ReadOnlyTable("json");
        table.rawset("encode", new Encode());
        table.rawset("decode", new Decode());
        TABLE = table.seal();
    }

    private JsonModule() {
    }

    private static final class Encode extends OneArgFunction {
        Encode() {
            this.name = "json.encode";
        }

        @Override
        public LuaValue call(LuaValue value) {
            LuaMessage message;
            try {
                message = MessageCodec.fromLua(value);
            } catch (LuaError e) {
                throw new LuaError("json.encode: " + e.getMessage().replace("between actors", "as JSON")
                        .replace("cannot send", "cannot encode"));
            }
            try {
                return MessageCodec.toLua(new LuaMessage.Str(Json.encode(message, SandboxLimits.maxStringLength())));
            } catch (Json.JsonException e) {
                throw new LuaError("json.encode: " + e.getMessage());
            }
        }
    }

    private static final class Decode extends OneArgFunction {
        Decode() {
            this.name = "json.decode";
        }

        @Override
        public LuaValue call(LuaValue text) {
            try {
                return MessageCodec.toLua(Json.decode(MessageCodec.string(text.checkstring()),
                        SandboxLimits.maxStringLength()));
            } catch (Json.JsonException e) {
                throw new LuaError("json.decode: " + e.getMessage());
            }
        }
    }
}
