package io.github.luaactor.core.internal.vm;

import java.util.Arrays;
import java.util.stream.Stream;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.internal.sandbox.MessageCodec;
import io.github.luaactor.core.internal.sandbox.Sandbox;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** The {@code ctx} table a handler sees: the actor's name, its state, and functions bound to its operations. */
final class CtxLibrary {
    private static final String[] NAMES = {"send", "do_send", "notify", "notify_later", "terminate", "new_actor"};
    private static final String[] LOG_LEVELS = {"debug", "info", "warn", "error"};
    /*
     * Keys and function names made once for every actor: made per actor, they were some 400 bytes of each idle
     * actor (LuaJ's cache of short strings keeps only some of them). The entries a ctx table puts in on first use
     * (CtxTable): the functions, in the order of NAMES, then the log table.
     */
    private static final LuaString[] KEYS = Stream.concat(Arrays.stream(NAMES), Stream.of("log"))
            .map(LuaString::valueOf).toArray(LuaString[]::new);
    private static final LuaString[] LOG_KEYS = Arrays.stream(LOG_LEVELS).map(LuaString::valueOf)
            .toArray(LuaString[]::new);
    private static final String[] FUNCTION_NAMES = Arrays.stream(NAMES).map(n -> "ctx." + n).toArray(String[]::new);
    private static final LuaString NAME = LuaString.valueOf("name");
    private static final int LOG_ENTRY = NAMES.length;
    static final int ENTRY_COUNT = KEYS.length;
    static final int ALL_ENTRIES = (1 << ENTRY_COUNT) - 1;

    private CtxLibrary() {
    }

    static CtxTable create(String actor, CtxOperations operations) {
        CtxTable ctx = new CtxTable(2, actor, operations);
        ctx.rawset(NAME, LuaValue.valueOf(actor));
        ctx.rawset(CtxTable.STATE, new LuaTable());
        return ctx;
    }

    /** Which of the entries a ctx table makes on first use {@code key} names, or -1. */
    static int entryOf(LuaValue key) {
        if (key instanceof LuaString) {
            for (int i = 0; i < KEYS.length; i++) {
                if (KEYS[i].raweq(key)) {
                    return i;
                }
            }
        }
        return -1;
    }

    static LuaString keyOf(int entry) {
        return KEYS[entry];
    }

    /** Entry {@code entry} of an actor's ctx table: a function bound to its operations, or its log table. */
    static LuaValue make(int entry, String actor, CtxOperations operations) {
        if (entry != LOG_ENTRY) {
            return new CtxFunction(operations, entry);
        }
        LuaTable log = new LuaTable(0, LOG_LEVELS.length);
        for (int i = 0; i < LOG_LEVELS.length; i++) {
            log.rawset(LOG_KEYS[i], new LogFunction(actor, i));
        }
        return log;
    }

    private static final class CtxFunction extends VarArgFunction {
        private final CtxOperations cell;
        private final int op;

        CtxFunction(CtxOperations cell, int op) {
            this.cell = cell;
            this.op = op;
            this.name = FUNCTION_NAMES[op];
        }

        @Override
        public Varargs invoke(Varargs args) {
            switch (op) {
                case 0:
                    return MessageCodec.toLua(cell.send(args.checkjstring(1), message(args, 2)));
                case 1:
                    cell.doSend(args.checkjstring(1), message(args, 2));
                    return NONE;
                case 2:
                    cell.notifySelf(message(args, 1));
                    return NONE;
                case 3: {
                    double seconds = args.checkdouble(2);
                    if (seconds < 0 || Double.isNaN(seconds)) {
                        throw new LuaError("ctx.notify_later: delay must be >= 0 seconds, was " + seconds);
                    }
                    cell.notifyLater(message(args, 1), seconds);
                    return NONE;
                }
                case 4:
                    cell.terminate();
                    return NONE;
                case 5:
                    return valueOf(cell.newActor(args.checkjstring(1), args.optjstring(2, null)));
                default:
                    throw new LuaError("unknown ctx function");
            }
        }

        private static LuaMessage message(Varargs args, int index) {
            return MessageCodec.fromLuaCharged(args.arg(index));
        }
    }

    private static final class LogFunction extends VarArgFunction {
        private final String actor;
        private final int level;

        LogFunction(String actor, int level) {
            this.actor = actor;
            this.level = level;
        }

        @Override
        public Varargs invoke(Varargs args) {
            switch (level) {
                case 0 -> {
                    if (Sandbox.LUA_LOG.isDebugEnabled()) {
                        Sandbox.LUA_LOG.debug("[{}] {}", actor, Sandbox.logLine(args));
                    }
                }
                case 1 -> {
                    if (Sandbox.LUA_LOG.isInfoEnabled()) {
                        Sandbox.LUA_LOG.info("[{}] {}", actor, Sandbox.logLine(args));
                    }
                }
                case 2 -> Sandbox.LUA_LOG.warn("[{}] {}", actor, Sandbox.logLine(args));
                default -> Sandbox.LUA_LOG.error("[{}] {}", actor, Sandbox.logLine(args));
            }
            return NONE;
        }
    }
}
