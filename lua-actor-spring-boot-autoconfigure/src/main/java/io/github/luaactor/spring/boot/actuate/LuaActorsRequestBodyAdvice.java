package io.github.luaactor.spring.boot.actuate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.luaactor.core.LuaMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets {@code POST .../luaactors/{name}} take any JSON value as {@code message} on Spring MVC.
 * <p>
 * Actuator reads a write operation's body as a {@code Map<String, String>}: a nested object or array fails with
 * 400 and a number or boolean arrives as a string (spring-boot#13866). For requests to the {@code luaactors} send
 * operation only, this advice parses the body itself, once, with the application's Jackson {@link JsonMapper}: a
 * {@code message} that is not a string becomes the {@link LuaMessage} that
 * {@link LuaActorsEndpoint#send(String, Object, String)} sends as it is, and Actuator's own reading is handed an
 * empty object. A string {@code message} stays a string, so {@code "encoding": "json"} (JSON text, which clients
 * on other web stacks send) works here too. A body that is not a JSON object is left to Actuator to report.
 */
@ControllerAdvice
public class LuaActorsRequestBodyAdvice extends RequestBodyAdviceAdapter {
    /** Carries the parsed arguments from {@link #beforeBodyRead} to {@link #afterBodyRead} of one request. */
    private static final String ARGUMENTS = LuaActorsRequestBodyAdvice.class.getName() + ".arguments";
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private final String sendPattern;
    private final JsonMapper mapper;

    /** @param rootPath the endpoint's path under the Actuator base path ({@code luaactors} unless remapped) */
    public LuaActorsRequestBodyAdvice(String rootPath) {
        this(rootPath, JsonMapper.shared());
    }

    /**
     * @param rootPath the endpoint's path under the Actuator base path ({@code luaactors} unless remapped)
     * @param mapper   parses the body: the application's, so its read constraints and features apply
     */
    public LuaActorsRequestBodyAdvice(String rootPath, JsonMapper mapper) {
        this.sendPattern = "/" + rootPath + "/{name}";
        this.mapper = mapper;
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
        Map<String, @Nullable Object> arguments = arguments(original);
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        byte[] body = arguments == null || request == null ? original : EMPTY_OBJECT;
        if (body == EMPTY_OBJECT) {
            request.setAttribute(ARGUMENTS, arguments, RequestAttributes.SCOPE_REQUEST);
        }
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

    /** The arguments parsed in {@link #beforeBodyRead} instead of the empty map Actuator read in their place. */
    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object arguments = request == null ? null : request.getAttribute(ARGUMENTS, RequestAttributes.SCOPE_REQUEST);
        if (arguments == null) {
            return body;
        }
        request.removeAttribute(ARGUMENTS, RequestAttributes.SCOPE_REQUEST);
        return arguments;
    }

    /**
     * The operation's arguments from a body that is a JSON object: {@code message} as a {@link LuaMessage} unless
     * it is a string or comes with an {@code encoding} (then as the text Actuator would have read), other members
     * as text. {@code null} when the body is not a JSON object or has a non-string member besides
     * {@code message}: Actuator then reads and reports it as it always has.
     */
    @Nullable Map<String, @Nullable Object> arguments(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, @Nullable Object> arguments = new LinkedHashMap<>();
            @Nullable Object messageText = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("message".equals(name)) {
                    LuaMessage message = LuaMessageReader.read(parser);
                    arguments.put(name, switch (message) {
                        case LuaMessage.Str s -> s.value();
                        case LuaMessage.Nil nil -> null;
                        default -> message;
                    });
                    messageText = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getString() : null;
                } else if (value.isScalarValue()) {
                    arguments.put(name, value == JsonToken.VALUE_NULL ? null : parser.getString());
                } else {
                    return null;
                }
            }
            if (parser.nextToken() != null) {
                return null;
            }
            if (arguments.containsKey("encoding") && messageText != null) {
                arguments.put("message", messageText);
            }
            return arguments;
        } catch (JacksonException e) {
            return null;
        }
    }
}
