package io.github.luaactor.core.internal.naming;

/**
 * What a register (or an upvalue) holds, as Lua 5.2 names it in an error: {@code local 't'}, {@code global 'x'},
 * {@code field 'y'}, {@code upvalue 'f'}, {@code method 'm'} or {@code constant 's'}.
 *
 * @param kind one of the kinds above
 * @param name the variable's, field's or constant's name ({@code ?} for a field whose key is not a constant string)
 */
public record VariableName(String kind, String name) {
    static final String LOCAL = "local";
    static final String GLOBAL = "global";
    static final String FIELD = "field";
    static final String UPVALUE = "upvalue";
    static final String METHOD = "method";
    static final String CONSTANT = "constant";

    /** As the message shows it: {@code local 't'}. */
    @Override
    public String toString() {
        return kind + " '" + name + "'";
    }
}
