package io.github.luaactor.spring.boot.actuate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.json.JsonWriter;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Lets {@code POST .../luaactors/{name}} take any JSON value as {@code message} on Spring MVC.
 * <p>
 * Actuator reads a write operation's body as a {@code Map<String, String>}: a nested object or array fails with
 * 400 and a number or boolean arrives as a string (spring-boot#13866). For requests to the {@code luaactors} send
 * operation only, this advice re-encodes a {@code message} that is not a string as JSON text and adds
 * {@code "encoding": "json"}, which {@link LuaActorsEndpoint#send(String, Object, String)} decodes. Clients on other
 * web stacks can send that form themselves.
 */
@ControllerAdvice
public class LuaActorsRequestBodyAdvice extends RequestBodyAdviceAdapter {
    private final String sendPattern;

    /** @param rootPath the endpoint's path under the Actuator base path ({@code luaactors} unless remapped) */
    public LuaActorsRequestBodyAdvice(String rootPath) {
        this.sendPattern = "/" + rootPath + "/{name}";
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (!Map.class.isAssignableFrom(parameter.getParameterType())) {
            return false;
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object pattern = request == null ? null
                : request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return pattern != null && pattern.toString().endsWith(sendPattern);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] original = input.getBody().readAllBytes();
        byte[] body = reencode(original);
        HttpHeaders headers = HttpHeaders.copyOf(input.getHeaders());
        headers.setContentLength(body.length);
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    /** The body with a non-string {@code message} as JSON text; unchanged when there is nothing to do. */
    static byte[] reencode(byte[] original) {
        String text = new String(original, StandardCharsets.UTF_8);
        Map<String, @Nullable Object> body;
        try {
            body = new LinkedHashMap<>(JsonParserFactory.getJsonParser().parseMap(text));
        } catch (IllegalArgumentException e) {
            return original; // not a JSON object: let Actuator report it
        }
        Object message = body.get("message");
        if (message == null || message instanceof String || body.containsKey("encoding")) {
            return original;
        }
        body.put("message", JsonWriter.standard().writeToString(message));
        body.put("encoding", LuaActorsEndpoint.JSON_ENCODING);
        return JsonWriter.standard().writeToString(body).getBytes(StandardCharsets.UTF_8);
    }
}
