package io.github.luaactor.core.internal;

import org.luaj.vm2.Buffer;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.SteppedMatchState;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.find}, {@code match}, {@code gmatch} and {@code gsub} on a matcher that charges every matching step
 * to the running handler's budget (instruction limit and handler timeout), so that a backtracking pattern cannot run
 * for minutes on a handful of counted instructions. {@code gsub} also refuses a result over max-string-length as it
 * grows. Semantics follow Lua 5.2 as implemented by LuaJ.
 */
final class PatternFunctions {
    private static final LuaString SPECIALS = LuaString.valueOf("^$*+?.([%-");
    private static final Runnable CHARGE = BudgetHook::chargeLibraryStep;
    /** Longest text a position capture ({@code %1} of {@code ()}) can expand to in a replacement. */
    private static final int POSITION_TEXT = 11;

    private PatternFunctions() {
    }

    private static SteppedMatchState matcher(Varargs args, LuaString s, LuaString pattern) {
        return new SteppedMatchState(args, s, pattern, CHARGE);
    }

    private static boolean anchored(LuaString pattern) {
        return pattern.length() > 0 && pattern.luaByte(0) == '^';
    }

    /** Shared by {@code find} and {@code match}. */
    static final class Find extends VarArgFunction {
        private final boolean find;

        Find(boolean find) {
            this.find = find;
            this.name = find ? "find" : "match";
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = args.checkstring(1);
            LuaString pattern = args.checkstring(2);
            int length = s.length();
            int init = args.optint(3, 1);
            if (init < 0) {
                init = Math.max(length + init + 1, 1);
            } else if (init == 0) {
                init = 1;
            }
            if (init > length + 1) {
                return NIL;
            }
            int start = init - 1;
            if (find && (args.arg(4).toboolean() || pattern.indexOfAny(SPECIALS) == -1)) {
                int at = s.indexOf(pattern, start);
                return at < 0 ? NIL : varargsOf(valueOf(at + 1), valueOf(at + pattern.length()));
            }
            SteppedMatchState ms = matcher(args, s, pattern);
            boolean anchor = anchored(pattern);
            int patternStart = anchor ? 1 : 0;
            do {
                ms.resetCaptures();
                int end = ms.matchAt(start, patternStart);
                if (end != -1) {
                    return find ? varargsOf(valueOf(start + 1), valueOf(end), ms.captures(false, start, end))
                            : ms.captures(true, start, end);
                }
            } while (start++ < length && !anchor);
            return NIL;
        }
    }

    static final class GMatch extends VarArgFunction {
        GMatch() {
            this.name = "gmatch";
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = args.checkstring(1);
            LuaString pattern = args.checkstring(2);
            return new Iterator(s, matcher(args, s, pattern));
        }

        private static final class Iterator extends VarArgFunction {
            private final LuaString s;
            private final SteppedMatchState ms;
            private int position;

            Iterator(LuaString s, SteppedMatchState ms) {
                this.s = s;
                this.ms = ms;
            }

            @Override
            public Varargs invoke(Varargs args) {
                for (int start = position; start <= s.length(); start++) {
                    ms.resetCaptures();
                    int end = ms.matchAt(start, 0);
                    if (end != -1) {
                        position = end == start ? end + 1 : end;
                        return ms.captures(true, start, end);
                    }
                }
                position = s.length() + 1;
                return NIL;
            }
        }
    }

    static final class GSub extends VarArgFunction {
        GSub() {
            this.name = "gsub";
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = args.checkstring(1);
            LuaString pattern = args.checkstring(2);
            LuaValue replacement = args.arg(3);
            int type = replacement.type();
            if (type != TSTRING && type != TNUMBER && type != TTABLE && type != TFUNCTION) {
                argerror(3, "string/function/table expected");
            }
            int length = s.length();
            int maxReplacements = args.optint(4, length + 1);
            Output out = new Output(length);
            SteppedMatchState ms = matcher(args, s, pattern);
            boolean anchor = anchored(pattern);
            int patternStart = anchor ? 1 : 0;
            int position = 0;
            int copiedUpTo = 0;
            int count = 0;
            while (count < maxReplacements) {
                ms.resetCaptures();
                int end = ms.matchAt(position, patternStart);
                if (end != -1) {
                    count++;
                    out.append(s.substring(copiedUpTo, position));
                    out.append(replace(ms, s, position, end, replacement));
                    copiedUpTo = end;
                }
                if (end != -1 && end > position) {
                    position = end;
                } else if (position < length) {
                    position++;
                } else {
                    break;
                }
                if (anchor) {
                    break;
                }
            }
            out.append(s.substring(copiedUpTo, length));
            return varargsOf(out.result(), valueOf(count));
        }

        private static LuaString replace(SteppedMatchState ms, LuaString s, int start, int end, LuaValue repl) {
            LuaValue value;
            switch (repl.type()) {
                case TSTRING, TNUMBER -> {
                    LuaString template = repl.strvalue();
                    if (template.indexOf((byte) '%', 0) < 0) {
                        return template;
                    }
                    CappedStringFunctions.check("string.gsub", expansionBound(template, end - start));
                    Buffer piece = new Buffer(template.length());
                    ms.appendExpanded(piece, start, end, template);
                    return piece.tostring();
                }
                case TTABLE -> value = repl.get(ms.captures(true, start, end).arg1());
                default -> value = repl.invoke(ms.captures(true, start, end)).arg1();
            }
            if (!value.toboolean()) {
                return s.substring(start, end);
            }
            if (!value.isstring()) {
                throw new LuaError("invalid replacement value (a " + value.typename() + ")");
            }
            return value.strvalue();
        }

        /** A capture lies inside the match, so each {@code %d} expands to at most the match (or a position). */
        private static long expansionBound(LuaString template, int matchLength) {
            long bound = 0;
            for (int i = 0; i < template.length(); i++) {
                if (template.luaByte(i) == '%' && i + 1 < template.length()
                        && Character.isDigit(template.luaByte(i + 1))) {
                    bound += Math.max(matchLength, POSITION_TEXT);
                    i++;
                } else {
                    bound++;
                }
            }
            return bound;
        }
    }

    /** The growing result of {@code gsub}, refused as soon as it passes max-string-length. */
    private static final class Output {
        private final Buffer buffer;
        private long length;

        Output(int sourceLength) {
            buffer = new Buffer(Math.min(sourceLength, SandboxLimits.maxStringLength()));
        }

        void append(LuaString piece) {
            length += piece.length();
            CappedStringFunctions.check("string.gsub", length);
            buffer.append(piece);
        }

        LuaString result() {
            return buffer.tostring();
        }
    }
}
