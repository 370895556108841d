package io.github.luaactor.state.jdbc;

import java.util.regex.Pattern;

/** The SQL of both JDBC stores, for one table name (lua_actor_state unless configured). */
record StateTable(String name) {
    static final String DEFAULT = "lua_actor_state";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    StateTable {
        // Concatenated into SQL: only a plain (optionally schema-qualified) identifier is accepted.
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a table name: '" + name + "' (letters, digits, '_', one '.')");
        }
    }

    String select() {
        return "SELECT revision, bytes, updated_at FROM " + name + " WHERE name = ?";
    }

    String selectRevision() {
        return "SELECT revision FROM " + name + " WHERE name = ?";
    }

    String insert() {
        return "INSERT INTO " + name + " (name, revision, bytes, updated_at) VALUES (?, 1, ?, ?)";
    }

    String update() {
        return "UPDATE " + name + " SET revision = ?, bytes = ?, updated_at = ? WHERE name = ? AND revision = ?";
    }

    String delete() {
        return "DELETE FROM " + name + " WHERE name = ?";
    }
}
