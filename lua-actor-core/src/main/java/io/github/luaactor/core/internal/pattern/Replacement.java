package io.github.luaactor.core.internal.pattern;

import java.util.ArrayList;
import java.util.List;

import io.github.luaactor.core.internal.stdlib.Conversions;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/** The third argument of {@code string.gsub}: what one match is replaced with. */
sealed interface Replacement {

    /** Appends the replacement of the match {@code start..end} of {@code subject}. */
    void append(GsubOutput out, LuaString subject, Captures captures, int start, int end);

    /** The replacement for {@code value}: a string or number template, a table or a function. */
    static Replacement of(LuaValue value, StepMeter meter) {
        return switch (value.type()) {
            case LuaValue.TSTRING, LuaValue.TNUMBER -> Template.parse(value.strvalue(), meter);
            case LuaValue.TTABLE -> new Lookup(value, false);
            case LuaValue.TFUNCTION -> new Lookup(value, true);
            default -> throw new LuaError("bad argument #3 to 'gsub' (string/function/table expected)");
        };
    }

    /**
     * A string whose {@code %0} is the match, {@code %1}–{@code %9} the captures (with {@code %1} the match when
     * there are none) and {@code %%} a percent sign. Any other {@code %} is an error (new in Lua 5.2), raised like
     * Lua at the first replacement.
     */
    record Template(List<Part> parts) implements Replacement {
        static Template parse(LuaString text, StepMeter meter) {
            List<Part> parts = new ArrayList<>();
            int literalStart = 0;
            int n = text.length();
            meter.scanned(n);
            for (int i = 0; i < n; i++) {
                if (text.luaByte(i) != '%') {
                    continue;
                }
                if (i > literalStart) {
                    parts.add(new Literal(text.substring(literalStart, i)));
                }
                int c = i + 1 < n ? text.luaByte(i + 1) : 0;
                if (c >= '0' && c <= '9') {
                    parts.add(new Capture(c - '0'));
                } else if (c == '%') {
                    parts.add(new Literal(LuaString.valueOf("%")));
                } else {
                    parts.add(new Invalid());
                    return new Template(parts);
                }
                i++;
                literalStart = i + 1;
            }
            if (literalStart < n) {
                parts.add(new Literal(text.substring(literalStart, n)));
            }
            return new Template(parts);
        }

        @Override
        public void append(GsubOutput out, LuaString subject, Captures captures, int start, int end) {
            for (Part part : parts) {
                switch (part) {
                    case Literal literal -> out.append(literal.text());
                    case Capture capture when capture.digit() == 0 -> out.append(subject, start, end);
                    case Capture capture -> out.append(captures.value(capture.digit() - 1, start, end).strvalue());
                    case Invalid invalid -> throw new LuaError("invalid use of '%' in replacement string");
                }
            }
        }

        sealed interface Part {
        }

        record Literal(LuaString text) implements Part {
        }

        record Capture(int digit) implements Part {
        }

        record Invalid() implements Part {
        }
    }

    /**
     * A table indexed with the first capture (or the match), or a function called with all captures. A result of
     * {@code nil} or {@code false} keeps the match; a string or number replaces it; anything else is an error.
     */
    record Lookup(LuaValue source, boolean call) implements Replacement {
        @Override
        public void append(GsubOutput out, LuaString subject, Captures captures, int start, int end) {
            LuaValue value = call ? source.invoke(captures.values(start, end, true)).arg1()
                    : source.get(captures.value(0, start, end));
            if (!value.toboolean()) {
                out.append(subject, start, end);
            } else if (value.isstring()) {
                // A number reads as Lua 5.2 writes it (%.14g: 0.33333333333333), not as LuaJ's strvalue would.
                out.append(value instanceof LuaString s ? s : Conversions.numberText(value));
            } else {
                throw new LuaError("invalid replacement value (a " + value.typename() + ")");
            }
        }
    }
}
