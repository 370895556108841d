package io.github.luaactor.core.internal.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocks, active locals, labels and pending gotos of one function being checked: what Lua 5.2's parser checks
 * beyond the grammar. A goto is resolved by a visible label of its block or, when its block ends, of an enclosing
 * block; one still pending when the function ends is an error, and so is a goto that would jump into the scope of a
 * local. {@code break} is a goto to the label every loop block defines at its end.
 */
final class FunctionScope {
    private static final String BREAK = "break";
    private static final int MAX_LOCALS = 200;
    private static final int MAX_UPVALUES = 255;
    private static final String ENV = "_ENV";

    final FunctionScope enclosing;
    /** The line of the function's definition; 0 for the main chunk. */
    final int lineDefined;
    boolean vararg;

    private final List<String> active = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private final List<Label> gotos = new ArrayList<>();
    /** Upvalue names; 5.2 shares one upvalue per name and function. The main chunk's only one is {@code _ENV}. */
    private final List<String> upvalues = new ArrayList<>();
    private Block block;

    /** A label, or a goto (then {@code activeLocals} may shrink as the goto leaves blocks). */
    static final class Label {
        final String name;
        final int line;
        int activeLocals;

        Label(String name, int line, int activeLocals) {
            this.name = name;
            this.line = line;
            this.activeLocals = activeLocals;
        }
    }

    private record Block(Block previous, int activeLocals, int firstLabel, int firstGoto, boolean loop) {
    }

    FunctionScope(FunctionScope enclosing, int lineDefined, boolean vararg) {
        this.enclosing = enclosing;
        this.lineDefined = lineDefined;
        this.vararg = vararg;
        if (enclosing == null) {
            upvalues.add(ENV);
        }
    }

    /**
     * A variable named in an expression: a local, an upvalue (counted against 5.2's 255 per function, which LuaJ
     * also has but fails on with a NullPointerException), or a global, which is a field of the upvalue
     * {@code _ENV}.
     */
    void variable(String name, Lexer lexer) {
        if (!resolve(name, lexer)) {
            resolve(ENV, lexer);
        }
    }

    /** True for a local or an upvalue, which this function then has; false for a global. */
    private boolean resolve(String name, Lexer lexer) {
        if (active.contains(name) || upvalues.contains(name)) {
            return true;
        }
        if (enclosing == null || !enclosing.resolve(name, lexer)) {
            return false;
        }
        if (upvalues.size() + 1 > MAX_UPVALUES) {
            throw lexer.syntaxError("too many upvalues (limit is " + MAX_UPVALUES + ") in " + where());
        }
        upvalues.add(name);
        return true;
    }

    void enterBlock(boolean loop) {
        block = new Block(block, active.size(), labels.size(), gotos.size(), loop);
    }

    /** Ends the innermost block: its locals and labels go, its pending gotos move out (or fail at the function's end). */
    void leaveBlock(Lexer lexer) {
        Block ending = block;
        if (ending.loop) {
            Label end = new Label(BREAK, 0, active.size());
            labels.add(end);
            resolvePending(end, lexer);
        }
        block = ending.previous;
        truncate(active, ending.activeLocals);
        truncate(labels, ending.firstLabel);
        if (block != null) {
            int i = ending.firstGoto;
            while (i < gotos.size()) {
                Label pending = gotos.get(i);
                pending.activeLocals = Math.min(pending.activeLocals, ending.activeLocals);
                if (!resolve(i, lexer)) {
                    i++;
                }
            }
        } else if (ending.firstGoto < gotos.size()) {
            Label pending = gotos.get(ending.firstGoto);
            throw lexer.semanticError(BREAK.equals(pending.name)
                    ? "<break> at line " + pending.line + " not inside a loop"
                    : "no visible label '" + pending.name + "' for <goto> at line " + pending.line);
        }
    }

    void declareLocal(String name) {
        active.add(name);
    }

    /**
     * Refuses a local beyond 5.2's 200 per function (LuaJ has the same limit but fails with a NullPointerException).
     * {@code declared}: the locals of the statement being read so far, not active yet.
     */
    void checkLocalRoom(int declared, Lexer lexer) {
        if (active.size() + declared > MAX_LOCALS) {
            throw lexer.syntaxError("too many local variables (limit is " + MAX_LOCALS + ") in " + where());
        }
    }

    /** How 5.2's limit messages name a function. */
    String where() {
        return lineDefined == 0 ? "main function" : "function at line " + lineDefined;
    }

    int activeLocals() {
        return active.size();
    }

    /** The number of locals active where the innermost block began. */
    int blockLocals() {
        return block.activeLocals;
    }

    /** {@code goto name} (or {@code break}) at {@code line}: resolved now if its block already has the label. */
    void jump(String name, int line, Lexer lexer) {
        gotos.add(new Label(name, line, active.size()));
        resolve(gotos.size() - 1, lexer);
    }

    /** Refuses a second label of one name in the same block. */
    void checkNewLabel(String name, Lexer lexer) {
        for (int i = block.firstLabel; i < labels.size(); i++) {
            if (labels.get(i).name.equals(name)) {
                throw lexer.semanticError("label '" + name + "' already defined on line " + labels.get(i).line);
            }
        }
    }

    Label addLabel(String name, int line) {
        Label label = new Label(name, line, active.size());
        labels.add(label);
        return label;
    }

    /** Resolves the block's pending gotos to a label just defined. */
    void resolvePending(Label label, Lexer lexer) {
        int i = block.firstGoto;
        while (i < gotos.size()) {
            if (gotos.get(i).name.equals(label.name)) {
                close(i, label, lexer);
            } else {
                i++;
            }
        }
    }

    private boolean resolve(int index, Lexer lexer) {
        Label pending = gotos.get(index);
        for (int i = block.firstLabel; i < labels.size(); i++) {
            if (labels.get(i).name.equals(pending.name)) {
                close(index, labels.get(i), lexer);
                return true;
            }
        }
        return false;
    }

    private void close(int index, Label label, Lexer lexer) {
        Label pending = gotos.get(index);
        if (pending.activeLocals < label.activeLocals) {
            throw lexer.semanticError("<goto " + pending.name + "> at line " + pending.line
                    + " jumps into the scope of local '" + active.get(pending.activeLocals) + "'");
        }
        gotos.remove(index);
    }

    private static void truncate(List<?> list, int size) {
        list.subList(size, list.size()).clear();
    }
}
