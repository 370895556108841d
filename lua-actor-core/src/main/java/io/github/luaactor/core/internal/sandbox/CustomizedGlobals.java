package io.github.luaactor.core.internal.sandbox;

import java.util.ArrayList;
import java.util.List;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaVmCustomizer;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** What a {@link LuaVmCustomizer} sees of one VM. */
public final class CustomizedGlobals implements LuaVmCustomizer.LuaGlobals {
    private final String actor;
    private final Globals globals;

    public CustomizedGlobals(String actor, Globals globals) {
        this.actor = actor;
        this.globals = globals;
    }

    @Override
    public String actorName() {
        return actor;
    }

    @Override
    public void set(String name, LuaMessage value) {
        globals.rawset(name, MessageCodec.toLua(value));
    }

    @Override
    public void function(String name, LuaVmCustomizer.JavaFunction function) {
        globals.rawset(name, new JavaFunctionAdapter(name, function));
    }

    @Override
    public Globals luaj() {
        return globals;
    }

    private static final class JavaFunctionAdapter extends VarArgFunction {
        private final LuaVmCustomizer.JavaFunction function;

        JavaFunctionAdapter(String name, LuaVmCustomizer.JavaFunction function) {
            this.name = name;
            this.function = function;
        }

        @Override
        public Varargs invoke(Varargs args) {
            List<LuaMessage> arguments = new ArrayList<>(Math.max(2, args.narg()));
            for (int i = 1; i <= Math.max(2, args.narg()); i++) {
                arguments.add(MessageCodec.fromLuaCharged(args.arg(i)));
            }
            Object result;
            try {
                result = function.call(arguments);
            } catch (LuaError e) {
                throw e;
            } catch (Exception e) {
                throw new LuaError(name + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
            try {
                return MessageCodec.toLua(LuaMessage.from(result));
            } catch (IllegalArgumentException e) {
                throw new LuaError(name + ": " + e.getMessage());
            }
        }
    }
}
