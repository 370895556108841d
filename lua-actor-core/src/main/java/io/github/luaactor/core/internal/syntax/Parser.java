package io.github.luaactor.core.internal.syntax;

import static io.github.luaactor.core.internal.syntax.Tokens.AND;
import static io.github.luaactor.core.internal.syntax.Tokens.BREAK;
import static io.github.luaactor.core.internal.syntax.Tokens.CONCAT;
import static io.github.luaactor.core.internal.syntax.Tokens.DBCOLON;
import static io.github.luaactor.core.internal.syntax.Tokens.DO;
import static io.github.luaactor.core.internal.syntax.Tokens.DOTS;
import static io.github.luaactor.core.internal.syntax.Tokens.ELSE;
import static io.github.luaactor.core.internal.syntax.Tokens.ELSEIF;
import static io.github.luaactor.core.internal.syntax.Tokens.END;
import static io.github.luaactor.core.internal.syntax.Tokens.EOS;
import static io.github.luaactor.core.internal.syntax.Tokens.EQ;
import static io.github.luaactor.core.internal.syntax.Tokens.FALSE;
import static io.github.luaactor.core.internal.syntax.Tokens.FOR;
import static io.github.luaactor.core.internal.syntax.Tokens.FUNCTION;
import static io.github.luaactor.core.internal.syntax.Tokens.GE;
import static io.github.luaactor.core.internal.syntax.Tokens.GOTO;
import static io.github.luaactor.core.internal.syntax.Tokens.IF;
import static io.github.luaactor.core.internal.syntax.Tokens.IN;
import static io.github.luaactor.core.internal.syntax.Tokens.LE;
import static io.github.luaactor.core.internal.syntax.Tokens.LOCAL;
import static io.github.luaactor.core.internal.syntax.Tokens.NAME;
import static io.github.luaactor.core.internal.syntax.Tokens.NE;
import static io.github.luaactor.core.internal.syntax.Tokens.NIL;
import static io.github.luaactor.core.internal.syntax.Tokens.NOT;
import static io.github.luaactor.core.internal.syntax.Tokens.NUMBER;
import static io.github.luaactor.core.internal.syntax.Tokens.OR;
import static io.github.luaactor.core.internal.syntax.Tokens.REPEAT;
import static io.github.luaactor.core.internal.syntax.Tokens.RETURN;
import static io.github.luaactor.core.internal.syntax.Tokens.STRING;
import static io.github.luaactor.core.internal.syntax.Tokens.THEN;
import static io.github.luaactor.core.internal.syntax.Tokens.TRUE;
import static io.github.luaactor.core.internal.syntax.Tokens.UNTIL;
import static io.github.luaactor.core.internal.syntax.Tokens.WHILE;

import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent recognizer of Lua 5.2's complete syntax (manual section 9) that stops at the first error with
 * 5.2's message. It follows 5.2's parser in what it checks and when, as that decides the token and line reported:
 * a closing keyword on another line than its opener names the opener ({@code 'end' expected (to close 'function' at
 * line 3) near <eof>}), and nesting deeper than 5.2's 200 C levels is refused.
 */
final class Parser {
    private static final int MAX_LEVELS = 200;
    private static final int UNARY_PRIORITY = 8;
    /** What a suffixed expression is: an assignable variable, a call, or something else (a parenthesized value). */
    private static final int OTHER = 0;
    private static final int VARIABLE = 1;
    private static final int CALL = 2;

    private final Lexer lx;
    private final ConstantFolds folds = new ConstantFolds();
    /** The constant a parenthesized primary expression folds to, until a suffix makes it an operand. */
    private ConstantFolds.Fold parenthesized;
    private FunctionScope fs;
    /** Lua counts the call that runs the parser as one level. */
    private int levels = 1;

    Parser(Lexer lexer) {
        this.lx = lexer;
    }

    /** The signed constants found by {@link #chunk}, in source order of completion. */
    java.util.List<SignedConstant> signedConstants() {
        return folds.signed();
    }

    void chunk() {
        fs = new FunctionScope(null, 0, true);
        fs.enterBlock(false);
        lx.next();
        statements();
        check(EOS);
        fs.leaveBlock(lx);
    }

    private boolean blockFollows(boolean withUntil) {
        return switch (lx.token) {
            case ELSE, ELSEIF, END, EOS -> true;
            case UNTIL -> withUntil;
            default -> false;
        };
    }

    private void statements() {
        while (!blockFollows(true)) {
            if (lx.token == RETURN) {
                statement();
                return;
            }
            statement();
        }
    }

    private void block() {
        fs.enterBlock(false);
        statements();
        fs.leaveBlock(lx);
    }

    private void statement() {
        int line = lx.line;
        enterLevel();
        switch (lx.token) {
            case ';' -> lx.next();
            case IF -> ifStatement(line);
            case WHILE -> whileStatement(line);
            case DO -> {
                lx.next();
                block();
                checkMatch(END, DO, line);
            }
            case FOR -> forStatement(line);
            case REPEAT -> repeatStatement(line);
            case FUNCTION -> {
                lx.next();
                body(functionName(), line);
            }
            case LOCAL -> {
                lx.next();
                if (testNext(FUNCTION)) {
                    String name = checkName();
                    fs.checkLocalRoom(1, lx);
                    fs.declareLocal(name);
                    body(false, lx.line);
                } else {
                    localStatement();
                }
            }
            case DBCOLON -> {
                lx.next();
                labelStatement(checkName(), line);
            }
            case RETURN -> {
                lx.next();
                if (!blockFollows(true) && lx.token != ';') {
                    expressionList();
                }
                testNext(';');
            }
            case BREAK, GOTO -> gotoStatement();
            default -> expressionStatement();
        }
        levels--;
    }

    private void ifStatement(int line) {
        thenBlock();
        while (lx.token == ELSEIF) {
            thenBlock();
        }
        if (testNext(ELSE)) {
            block();
        }
        checkMatch(END, IF, line);
    }

    /** {@code if} or {@code elseif}, condition, {@code then}, block. */
    private void thenBlock() {
        lx.next();
        condition();
        checkNext(THEN);
        block();
    }

    private void whileStatement(int line) {
        lx.next();
        condition();
        fs.enterBlock(true);
        checkNext(DO);
        block();
        checkMatch(END, WHILE, line);
        fs.leaveBlock(lx);
    }

    private void forStatement(int line) {
        fs.enterBlock(true);
        lx.next();
        String first = checkName();
        fs.checkLocalRoom(4, lx);
        switch (lx.token) {
            case '=' -> {
                lx.next();
                expression();
                checkNext(',');
                expression();
                if (testNext(',')) {
                    expression();
                }
                forBody(List.of(first), "(for index)", "(for limit)", "(for step)");
            }
            case ',', IN -> {
                List<String> names = new ArrayList<>();
                names.add(first);
                while (testNext(',')) {
                    names.add(checkName());
                    fs.checkLocalRoom(names.size() + 3, lx);
                }
                checkNext(IN);
                expressionList();
                forBody(names, "(for generator)", "(for state)", "(for control)");
            }
            default -> throw lx.syntaxError("'=' or 'in' expected");
        }
        checkMatch(END, FOR, line);
        fs.leaveBlock(lx);
    }

    /** The loop's hidden control variables are locals too, as in 5.2 (they count in goto's scope checks). */
    private void forBody(List<String> names, String... hidden) {
        for (String name : hidden) {
            fs.declareLocal(name);
        }
        checkNext(DO);
        fs.enterBlock(false);
        names.forEach(fs::declareLocal);
        block();
        fs.leaveBlock(lx);
    }

    private void repeatStatement(int line) {
        fs.enterBlock(true);
        fs.enterBlock(false);
        lx.next();
        statements();
        checkMatch(UNTIL, REPEAT, line);
        condition(); // inside the body's scope: its locals are visible
        fs.leaveBlock(lx);
        fs.leaveBlock(lx);
    }

    /** {@code name {'.' name} [':' name]}; true for a method. */
    private boolean functionName() {
        fs.variable(checkName(), lx);
        while (lx.token == '.') {
            lx.next();
            checkName();
        }
        if (lx.token == ':') {
            lx.next();
            checkName();
            return true;
        }
        return false;
    }

    private void localStatement() {
        List<String> names = new ArrayList<>();
        do {
            names.add(checkName());
            fs.checkLocalRoom(names.size(), lx);
        } while (testNext(','));
        if (testNext('=')) {
            expressionList();
        }
        names.forEach(fs::declareLocal);
    }

    private void labelStatement(String name, int line) {
        fs.checkNewLabel(name, lx);
        checkNext(DBCOLON);
        FunctionScope.Label label = fs.addLabel(name, line);
        while (lx.token == ';' || lx.token == DBCOLON) {
            statement();
        }
        if (blockFollows(false)) {
            // A label that ends its block is outside the scope of the block's locals.
            label.activeLocals = fs.blockLocals();
        }
        fs.resolvePending(label, lx);
    }

    private void gotoStatement() {
        int line = lx.line;
        String name;
        if (testNext(GOTO)) {
            name = checkName();
        } else {
            lx.next();
            name = "break";
        }
        fs.jump(name, line, lx);
    }

    private void expressionStatement() {
        int kind = suffixedExpression();
        if (lx.token == '=' || lx.token == ',') {
            assignment(kind, 1);
        } else if (kind != CALL) {
            throw lx.syntaxError("syntax error");
        }
    }

    private void assignment(int kind, int targets) {
        if (kind != VARIABLE) {
            throw lx.syntaxError("syntax error");
        }
        if (testNext(',')) {
            int next = suffixedExpression();
            if (targets + levels > MAX_LEVELS) {
                throw tooManyLevels();
            }
            assignment(next, targets + 1);
        } else {
            checkNext('=');
            expressionList();
        }
    }

    private void body(boolean method, int line) {
        fs = new FunctionScope(fs, line, false);
        fs.enterBlock(false);
        checkNext('(');
        if (method) {
            fs.declareLocal("self");
        }
        if (lx.token != ')') {
            do {
                if (lx.token == NAME) {
                    String name = checkName();
                    fs.checkLocalRoom(1, lx);
                    fs.declareLocal(name);
                } else if (lx.token == DOTS) {
                    lx.next();
                    fs.vararg = true;
                } else {
                    throw lx.syntaxError("<name> expected");
                }
            } while (!fs.vararg && testNext(','));
        }
        checkNext(')');
        statements();
        checkMatch(END, FUNCTION, line);
        fs.leaveBlock(lx);
        fs = fs.enclosing;
    }

    private void expressionList() {
        expression();
        while (testNext(',')) {
            expression();
        }
    }

    private void expression() {
        folds.finish(subexpression(0));
    }

    /**
     * A condition ({@code if}, {@code while}, {@code until}) or a key ({@code t[k]}, {@code [k] = v}): a constant
     * there is only tested (true whatever its sign) or is the key zero (as {@code -0} is in Lua), so its sign needs
     * no keeping.
     */
    private void condition() {
        subexpression(0);
    }

    /**
     * Operators by 5.2's priorities, which decide how deep the parser nests (and so its level limit). Returns the
     * constant the compiler folds the expression to, or null ({@link ConstantFolds}).
     */
    private ConstantFolds.Fold subexpression(int limit) {
        enterLevel();
        ConstantFolds.Fold e;
        if (lx.token == NOT || lx.token == '-' || lx.token == '#') {
            int op = lx.token;
            int start = lx.tokenStart();
            lx.next();
            e = folds.unary(op, start, subexpression(UNARY_PRIORITY));
        } else {
            e = simpleExpression();
        }
        int left = leftPriority(lx.token);
        while (left > limit) {
            int op = lx.token;
            int right = rightPriority(op);
            lx.next();
            e = folds.binary(op, e, subexpression(right));
            left = leftPriority(lx.token);
        }
        levels--;
        return e;
    }

    private static int leftPriority(int token) {
        return switch (token) {
            case OR -> 1;
            case AND -> 2;
            case '<', '>', LE, GE, NE, EQ -> 3;
            case CONCAT -> 5;
            case '+', '-' -> 6;
            case '*', '/', '%' -> 7;
            case '^' -> 10;
            default -> -1;
        };
    }

    private static int rightPriority(int token) {
        return switch (token) {
            case CONCAT -> 4;
            case '^' -> 9;
            default -> leftPriority(token);
        };
    }

    private ConstantFolds.Fold simpleExpression() {
        switch (lx.token) {
            case NUMBER -> {
                ConstantFolds.Fold numeral = folds.numeral(lx.numeralValue(), lx.tokenStart(), lx.tokenEnd());
                lx.next();
                return numeral;
            }
            case STRING, NIL, TRUE, FALSE -> lx.next();
            case DOTS -> {
                if (!fs.vararg) {
                    throw lx.syntaxError("cannot use '...' outside a vararg function");
                }
                lx.next();
            }
            case '{' -> constructor();
            case FUNCTION -> {
                lx.next();
                body(false, lx.line);
            }
            default -> {
                boolean operand = suffixedExpression() == OTHER;
                ConstantFolds.Fold inParentheses = parenthesized;
                parenthesized = null;
                return operand ? inParentheses : null;
            }
        }
        return null;
    }

    private int primaryExpression() {
        parenthesized = null;
        if (lx.token == '(') {
            int line = lx.line;
            int start = lx.tokenStart();
            lx.next();
            ConstantFolds.Fold inner = subexpression(0);
            int end = lx.tokenStart() + 1;
            checkMatch(')', '(', line);
            // A constant in parentheses is still one the compiler folds with what follows.
            parenthesized = folds.parenthesized(inner, start, end);
            return OTHER;
        }
        if (lx.token == NAME) {
            fs.variable(checkName(), lx);
            return VARIABLE;
        }
        throw lx.syntaxError("unexpected symbol");
    }

    private int suffixedExpression() {
        int line = lx.line;
        int kind = primaryExpression();
        ConstantFolds.Fold inParentheses = parenthesized;
        parenthesized = null;
        while (true) {
            if (inParentheses != null && isSuffix(lx.token)) {
                folds.finish(inParentheses);
                inParentheses = null;
            }
            switch (lx.token) {
                case '.' -> {
                    lx.next();
                    checkName();
                    kind = VARIABLE;
                }
                case '[' -> {
                    lx.next();
                    condition();
                    checkNext(']');
                    kind = VARIABLE;
                }
                case ':' -> {
                    lx.next();
                    checkName();
                    arguments(line);
                    kind = CALL;
                }
                case '(', STRING, '{' -> {
                    arguments(line);
                    kind = CALL;
                }
                default -> {
                    parenthesized = inParentheses;
                    return kind;
                }
            }
        }
    }

    private static boolean isSuffix(int token) {
        return token == '.' || token == '[' || token == ':' || token == '(' || token == STRING || token == '{';
    }

    private void arguments(int line) {
        switch (lx.token) {
            case '(' -> {
                lx.next();
                if (lx.token != ')') {
                    expressionList();
                }
                checkMatch(')', '(', line);
            }
            case '{' -> constructor();
            case STRING -> lx.next();
            default -> throw lx.syntaxError("function arguments expected");
        }
    }

    private void constructor() {
        int line = lx.line;
        checkNext('{');
        do {
            if (lx.token == '}') {
                break;
            }
            field();
        } while (testNext(',') || testNext(';'));
        checkMatch('}', '{', line);
    }

    private void field() {
        if (lx.token == NAME) {
            if (lx.lookahead() != '=') {
                expression();
            } else {
                lx.next();
                checkNext('=');
                expression();
            }
        } else if (lx.token == '[') {
            lx.next();
            condition();
            checkNext(']');
            checkNext('=');
            expression();
        } else {
            expression();
        }
    }

    private void enterLevel() {
        if (++levels > MAX_LEVELS) {
            throw tooManyLevels();
        }
    }

    private LuaSyntaxError tooManyLevels() {
        return lx.syntaxError("too many C levels (limit is " + MAX_LEVELS + ") in " + fs.where());
    }

    private boolean testNext(int token) {
        if (lx.token == token) {
            lx.next();
            return true;
        }
        return false;
    }

    private void check(int token) {
        if (lx.token != token) {
            throw lx.syntaxError(Tokens.show(token) + " expected");
        }
    }

    private void checkNext(int token) {
        check(token);
        lx.next();
    }

    private String checkName() {
        check(NAME);
        String name = lx.name();
        lx.next();
        return name;
    }

    /** The closing token of a construct; names the opener when it is on another line than the parser. */
    private void checkMatch(int what, int who, int where) {
        if (!testNext(what)) {
            if (where == lx.line) {
                check(what);
            }
            throw lx.syntaxError(Tokens.show(what) + " expected (to close " + Tokens.show(who) + " at line " + where
                    + ")");
        }
    }
}
