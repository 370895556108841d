package io.github.luaactor.spring.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/** HTTP status codes and JSON error bodies for the {@code luaactors} endpoint. */
@EndpointWebExtension(endpoint = LuaActorsEndpoint.class)
public class LuaActorsEndpointWebExtension {
    private final LuaActorsEndpoint delegate;

    public LuaActorsEndpointWebExtension(LuaActorsEndpoint delegate) {
        this.delegate = delegate;
    }

    @ReadOperation
    public WebEndpointResponse<Object> actor(@Selector String name) {
        LuaActorsEndpoint.ActorDescriptor actor = delegate.actor(name);
        if (actor == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "not-found");
            body.put("actor", name);
            body.put("message", "No Lua actor named '" + name + "'");
            return new WebEndpointResponse<>(OperationResponseBody.of(body), WebEndpointResponse.STATUS_NOT_FOUND);
        }
        return new WebEndpointResponse<>(actor);
    }

    @WriteOperation
    public WebEndpointResponse<Object> send(@Selector String name, @Nullable Object message,
            @Nullable String encoding) {
        try {
            return new WebEndpointResponse<>(delegate.send(name, message, encoding));
        } catch (LuaActorsEndpointException e) {
            return error(e);
        }
    }

    @WriteOperation
    public WebEndpointResponse<Object> reload(@Selector String name, @Selector String action, String source) {
        try {
            return new WebEndpointResponse<>(delegate.reload(name, action, source));
        } catch (LuaActorsEndpointException e) {
            return error(e);
        }
    }

    private static WebEndpointResponse<Object> error(LuaActorsEndpointException e) {
        return new WebEndpointResponse<>(OperationResponseBody.of(e.body()), e.status());
    }
}
