package io.github.luaactor.core.internal.stdlib;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.Locale;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * {@code os.date} with a format, as Lua 5.2 gives it: C's {@code strftime} in the C locale, every C99 conversion
 * and the {@code E} and {@code O} modifiers (which change nothing in the C locale). LuaJ knows only part of them
 * (no {@code %F}, {@code %T}, {@code %e}, {@code %D}, {@code %V}, ...) and writes {@code %U} and {@code %W} without
 * their leading zero. A format starting with {@code !} is in UTC, otherwise in the JVM's time zone.
 */
public final class DateFormat {
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);

    private DateFormat() {
    }

    /**
     * {@code os.date('*t')} and {@code os.date('!*t')}: the fields of 5.2's {@code setallfields}, {@code wday} from
     * Sunday as 1, {@code yday} from 1, {@code isdst} as the zone says (always false in UTC).
     */
    public static LuaValue fields(long epochSeconds, boolean utc) {
        ZonedDateTime t = date(epochSeconds, utc);
        if (t == null) {
            return LuaValue.NIL;
        }
        LuaTable fields = new LuaTable(0, 9);
        fields.rawset("sec", t.getSecond());
        fields.rawset("min", t.getMinute());
        fields.rawset("hour", t.getHour());
        fields.rawset("day", t.getDayOfMonth());
        fields.rawset("month", t.getMonthValue());
        fields.rawset("year", t.getYear());
        fields.rawset("wday", t.getDayOfWeek().getValue() % 7 + 1);
        fields.rawset("yday", t.getDayOfYear());
        fields.rawset("isdst", LuaValue.valueOf(!utc && t.getZone().getRules().isDaylightSavings(t.toInstant())));
        return fields;
    }

    /**
     * {@code format} (without a leading {@code !}) for {@code epochSeconds}, in UTC or the JVM's zone; nil for a time
     * beyond the calendar's years, as C's {@code gmtime} gives no date.
     */
    public static LuaValue format(LuaString format, long epochSeconds, boolean utc) {
        ZonedDateTime t = date(epochSeconds, utc);
        if (t == null) {
            return LuaValue.NIL;
        }
        StringBuilder out = new StringBuilder(format.m_length * 2);
        for (int i = 0; i < format.m_length; i++) {
            int c = byteAt(format, i);
            if (c != '%') {
                out.append((char) c);
                continue;
            }
            int conversion = byteAt(format, i + 1);
            String modified = conversion == 'E' ? "cCxXyY" : conversion == 'O' ? "deHImMSuUVwWy" : null;
            if (modified != null) {
                int next = byteAt(format, i + 2);
                if (next < 0 || modified.indexOf(next) < 0) {
                    throw invalid(format, i, 2);
                }
                conversion = next;
                i++;
            }
            if (conversion < 0 || !convert(out, (char) conversion, t, utc)) {
                throw invalid(format, i, 1);
            }
            i++;
        }
        return LuaString.valueOf(out.toString());
    }

    /** The date of {@code epochSeconds} in UTC or the JVM's zone; null where C's gmtime or localtime gives none. */
    private static ZonedDateTime date(long epochSeconds, boolean utc) {
        try {
            return Instant.ofEpochSecond(epochSeconds).atZone(utc ? ZoneOffset.UTC : ZoneId.systemDefault());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static LuaError invalid(LuaString format, int at, int length) {
        String spec = format.substring(at + 1, Math.min(format.m_length, at + 1 + length)).tojstring();
        return new LuaError("bad argument #1 to 'date' (invalid conversion specifier '%" + spec + "')");
    }

    private static int byteAt(LuaString s, int i) {
        return i < s.m_length ? s.m_bytes[s.m_offset + i] & 0xff : -1;
    }

    /** Appends conversion {@code c}; false when C99 has no such conversion. */
    private static boolean convert(StringBuilder out, char c, ZonedDateTime t, boolean utc) {
        int wday = t.getDayOfWeek().getValue() % 7;
        int yday = t.getDayOfYear() - 1;
        switch (c) {
            case 'a' -> out.append(DAYS[wday], 0, 3);
            case 'A' -> out.append(DAYS[wday]);
            case 'b', 'h' -> out.append(MONTHS[t.getMonthValue() - 1], 0, 3);
            case 'B' -> out.append(MONTHS[t.getMonthValue() - 1]);
            case 'c' -> {
                convert(out, 'a', t, utc);
                out.append(' ');
                convert(out, 'b', t, utc);
                out.append(' ');
                convert(out, 'e', t, utc);
                out.append(' ');
                convert(out, 'T', t, utc);
                out.append(' ').append(t.getYear());
            }
            case 'C' -> two(out, Math.floorDiv(t.getYear(), 100));
            case 'd' -> two(out, t.getDayOfMonth());
            case 'D' -> {
                two(out, t.getMonthValue());
                out.append('/');
                two(out, t.getDayOfMonth());
                out.append('/');
                two(out, Math.floorMod(t.getYear(), 100));
            }
            case 'e' -> out.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth());
            case 'F' -> {
                out.append(t.getYear()).append('-');
                two(out, t.getMonthValue());
                out.append('-');
                two(out, t.getDayOfMonth());
            }
            case 'g' -> two(out, Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100));
            case 'G' -> out.append(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'H' -> two(out, t.getHour());
            case 'I' -> two(out, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
            case 'j' -> out.append(String.format(Locale.ROOT, "%03d", yday + 1));
            case 'm' -> two(out, t.getMonthValue());
            case 'M' -> two(out, t.getMinute());
            case 'n' -> out.append('\n');
            case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
            case 'r' -> {
                convert(out, 'I', t, utc);
                out.append(':');
                two(out, t.getMinute());
                out.append(':');
                two(out, t.getSecond());
                out.append(' ');
                convert(out, 'p', t, utc);
            }
            case 'R' -> {
                two(out, t.getHour());
                out.append(':');
                two(out, t.getMinute());
            }
            case 'S' -> two(out, t.getSecond());
            case 't' -> out.append('\t');
            case 'T', 'X' -> {
                two(out, t.getHour());
                out.append(':');
                two(out, t.getMinute());
                out.append(':');
                two(out, t.getSecond());
            }
            case 'u' -> out.append(t.getDayOfWeek().getValue());
            case 'U' -> two(out, (yday + 7 - wday) / 7);
            case 'V' -> two(out, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w' -> out.append(wday);
            case 'W' -> two(out, (yday + 7 - (t.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue())) / 7);
            case 'x' -> convert(out, 'D', t, utc);
            case 'y' -> two(out, Math.floorMod(t.getYear(), 100));
            case 'Y' -> out.append(t.getYear());
            case 'z' -> {
                int offset = t.getOffset().getTotalSeconds() / 60;
                out.append(offset < 0 ? '-' : '+');
                two(out, Math.abs(offset) / 60);
                two(out, Math.abs(offset) % 60);
            }
            case 'Z' -> out.append(utc ? "GMT" : ZONE_NAME.format(t));
            case '%' -> out.append('%');
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void two(StringBuilder out, int n) {
        if (n < 10 && n >= 0) {
            out.append('0');
        }
        out.append(n);
    }
}
