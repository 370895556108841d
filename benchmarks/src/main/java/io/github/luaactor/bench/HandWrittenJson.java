package io.github.luaactor.bench;

import java.util.Map;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code json} module a Pekko + LuaJ user writes by hand, having no {@code json} of the project's: Jackson reads
 * the text into its tree, which is then copied into Lua tables. The usual few lines of glue (objects to tables,
 * arrays to lists from 1, numbers to Lua numbers), with no streaming into the VM's tables.
 */
final class HandWrittenJson {
    private HandWrittenJson() {
    }

    /** Installs the module where {@code require('json')} finds it. */
    static void install(Globals globals) {
        LuaTable json = new LuaTable();
        json.set("decode", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue text) {
                return toLua(JsonMapper.shared().readTree(text.checkjstring()));
            }
        });
        globals.get("package").get("loaded").set("json", json);
    }

    private static LuaValue toLua(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                LuaTable table = new LuaTable();
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    table.set(property.getKey(), toLua(property.getValue()));
                }
                yield table;
            }
            case ARRAY -> {
                LuaTable list = new LuaTable(node.size(), 0);
                int i = 1;
                for (JsonNode item : node) {
                    list.set(i++, toLua(item));
                }
                yield list;
            }
            case STRING -> LuaValue.valueOf(node.stringValue());
            case NUMBER -> node.isInt() ? LuaValue.valueOf(node.intValue()) : LuaValue.valueOf(node.doubleValue());
            case BOOLEAN -> LuaValue.valueOf(node.booleanValue());
            default -> LuaValue.NIL;
        };
    }
}
