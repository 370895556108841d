package io.github.luaactor.spring.boot.actuate;

import java.util.Map;

/**
 * A {@code luaactors} operation failed in a way the caller should see: an HTTP-style status and a JSON body with
 * {@code error} (a stable code such as {@code lua-error}), {@code actor} and {@code message}.
 */
public class LuaActorsEndpointException extends RuntimeException {
    private final int status;
    private final Map<String, Object> body;

    public LuaActorsEndpointException(int status, Map<String, Object> body) {
        super(String.valueOf(body.get("message")), null, false, false);
        this.status = status;
        this.body = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }
}
