package io.github.luaactor.spring.boot.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaMessageHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Calls a {@code @LuaRecipient} method with the message converted to its parameter type and converts what it
 * returns.
 * <ul>
 * <li>Parameter (none, or one): {@link LuaMessage} as is; {@code String}; {@code long}/{@code Long}; {@code int}/
 * {@code Integer}; {@code double}/{@code Double}; {@code boolean}/{@code Boolean}; {@code Map<String, Object>} (a
 * table; integer keys become strings); {@code List<?>} (a table with keys 1..n, or empty); {@code Object} (plain
 * Java, {@link LuaMessage#toJava()}). {@code nil} becomes {@code null} for reference types; a message of the wrong
 * Lua type is an error at the Lua {@code ctx.send} call site.</li>
 * <li>Return: any of those (converted with {@link LuaMessage#from(Object)}), {@code void} or {@code null}
 * ({@code nil}), or a {@link CompletionStage} whose value is converted when it completes; the calling Lua handler
 * stays suspended until then (each call runs on its own virtual thread, so waiting costs no platform thread).
 * The wait is bounded by the longest ask timeout any actor uses: after that no {@code ctx.send} is still waiting,
 * so the stage is cancelled and the thread released. {@link #close()} releases every waiting call at shutdown.</li>
 * </ul>
 */
final class LuaRecipientMethodAdapter implements LuaMessageHandler {

    private static final Set<Class<?>> PARAMETER_TYPES = Set.of(LuaMessage.class, String.class, long.class,
            Long.class, int.class, Integer.class, double.class, Double.class, boolean.class, Boolean.class, Map.class,
            List.class, Object.class, byte[].class);

    private final Object bean;

    private final Method method;

    private final String description;

    private final Supplier<Duration> maxWait;

    /** Our copies of the stages being waited for, so that close() can release their threads. */
    private final Set<CompletableFuture<Object>> waiting = ConcurrentHashMap.newKeySet();

    private volatile boolean closed;

    private LuaRecipientMethodAdapter(Object bean, Method method, String description, Supplier<Duration> maxWait) {
        this.bean = bean;
        this.method = method;
        this.description = description;
        this.maxWait = maxWait;
    }

    /**
     * An adapter for {@code method} (declared on the bean's target class) invoked on {@code bean}, waiting at most
     * {@code maxWait} for a returned {@link CompletionStage}: no Lua caller waits longer than its ask timeout, so the
     * supplier gives the longest one in use.
     * @throws LuaActorConfigurationException when the signature is not supported
     */
    static LuaRecipientMethodAdapter create(String recipient, String beanName, Object bean, Method method,
            Supplier<Duration> maxWait) {
        String description = "@LuaRecipient(\"" + recipient + "\") method " + method.getDeclaringClass().getName()
                + "." + method.getName() + "(" + parameterNames(method) + ") of bean '" + beanName + "'";
        String fix = "A @LuaRecipient method takes no parameter or one of LuaMessage, String, long, int, double, "
                + "boolean (or their wrappers), Map<String, Object>, List<?> or Object, and returns one of those, "
                + "void, or a CompletionStage of one of those.";
        if (Modifier.isStatic(method.getModifiers())) {
            throw new LuaActorConfigurationException(description + " is static.", "Make it an instance method.");
        }
        if (method.getParameterCount() > 1) {
            throw new LuaActorConfigurationException(description + " has more than one parameter.", fix);
        }
        if (method.getParameterCount() == 1 && !PARAMETER_TYPES.contains(method.getParameterTypes()[0])) {
            throw new LuaActorConfigurationException(description + " has an unsupported parameter type "
                    + method.getParameterTypes()[0].getName() + ".", fix);
        }
        if (!isSupportedReturnType(method.getReturnType())) {
            throw new LuaActorConfigurationException(
                    description + " has an unsupported return type " + method.getReturnType().getName() + ".", fix);
        }
        Method invocable = org.springframework.aop.support.AopUtils.selectInvocableMethod(method, bean.getClass());
        ReflectionUtils.makeAccessible(invocable);
        return new LuaRecipientMethodAdapter(bean, invocable, description, maxWait);
    }

    private static String parameterNames(Method method) {
        return String.join(", ", java.util.Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList());
    }

    private static boolean isSupportedReturnType(Class<?> type) {
        if (type == void.class || type == Void.class || CompletionStage.class.isAssignableFrom(type)
                || LuaMessage.class.isAssignableFrom(type) || CharSequence.class.isAssignableFrom(type)
                || Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)
                || type == Object.class || type.isArray()) {
            return true;
        }
        Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
        return Number.class.isAssignableFrom(boxed) && boxed.getPackageName().equals("java.lang")
                || boxed == Boolean.class || boxed == Character.class;
    }

    @Override
    public LuaMessage handle(LuaMessage msg) throws Exception {
        Object[] args = (this.method.getParameterCount() == 0) ? new Object[0]
                : new Object[] { convert(msg, this.method.getParameterTypes()[0]) };
        Object result;
        try {
            result = this.method.invoke(this.bean, args);
        }
        catch (InvocationTargetException ex) {
            throw rethrow(ex.getCause());
        }
        if (result instanceof CompletionStage<?> stage) {
            result = await(stage);
        }
        return LuaMessage.from(result);
    }

    private @Nullable Object await(CompletionStage<?> stage) throws Exception {
        // A copy, not stage.toCompletableFuture(): some stages do not support it, and close() must be able to
        // complete what we wait on without touching the caller's stage.
        CompletableFuture<Object> copy = new CompletableFuture<>();
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                copy.completeExceptionally(failure);
            }
            else {
                copy.complete(value);
            }
        });
        this.waiting.add(copy);
        try {
            if (this.closed) {
                throw new CancellationException(
                        this.description + " was not waited for: the application is shutting down");
            }
            Duration limit = this.maxWait.get();
            return copy.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            cancel(stage);
            throw new TimeoutException(this.description + " returned a CompletionStage that did not complete within "
                    + this.maxWait.get().toMillis() + " ms, the longest ask timeout of any actor; it was cancelled");
        }
        catch (InterruptedException ex) {
            cancel(stage);
            Thread.currentThread().interrupt();
            throw ex;
        }
        catch (CancellationException ex) {
            // close() completed our copy (or the stage itself was cancelled): pass cancellation on to the producer
            cancel(stage);
            throw ex;
        }
        catch (ExecutionException | CompletionException ex) {
            throw rethrow(ex.getCause());
        }
        finally {
            this.waiting.remove(copy);
        }
    }

    private static void cancel(CompletionStage<?> stage) {
        if (stage instanceof Future<?> future) {
            future.cancel(true);
        }
    }

    /**
     * Releases every call waiting for a {@link CompletionStage} (their stages are cancelled), and every later one at
     * once: at shutdown the actors that asked are gone, and a parked virtual thread would otherwise wait forever.
     */
    void close() {
        this.closed = true;
        for (CompletableFuture<Object> copy : this.waiting) {
            copy.completeExceptionally(new CancellationException(
                    this.description + " was abandoned: the application is shutting down"));
        }
    }

    private static Exception rethrow(@Nullable Throwable failure) {
        if (failure instanceof Exception ex) {
            return ex;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("Lua recipient failed", failure);
    }

    private @Nullable Object convert(LuaMessage msg, Class<?> type) {
        if (type == LuaMessage.class) {
            return msg;
        }
        if (type == Object.class) {
            return msg.toJava();
        }
        if (msg instanceof LuaMessage.Nil) {
            if (type.isPrimitive()) {
                throw mismatch(msg, type);
            }
            return null;
        }
        if (type == String.class) {
            if (msg instanceof LuaMessage.Str str) {
                return str.value();
            }
            if (msg instanceof LuaMessage.Bytes bytes) {
                // A String cannot hold bytes that are not UTF-8: a byte[] parameter takes them exactly.
                return bytes.asString();
            }
            throw mismatch(msg, type);
        }
        if (type == byte[].class) {
            if (msg instanceof LuaMessage.Str str) {
                return str.value().getBytes(StandardCharsets.UTF_8);
            }
            if (msg instanceof LuaMessage.Bytes bytes) {
                return bytes.value();
            }
            throw mismatch(msg, type);
        }
        if (type == long.class || type == Long.class) {
            return integral(msg, type);
        }
        if (type == int.class || type == Integer.class) {
            long value = integral(msg, type);
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(this.description + " expects an int, but " + value
                        + " is out of range");
            }
            return (int) value;
        }
        if (type == double.class || type == Double.class) {
            if (msg instanceof LuaMessage.Int i) {
                return (double) i.value();
            }
            if (msg instanceof LuaMessage.Num n) {
                return n.value();
            }
            throw mismatch(msg, type);
        }
        if (type == boolean.class || type == Boolean.class) {
            if (msg instanceof LuaMessage.Bool b) {
                return b.value();
            }
            throw mismatch(msg, type);
        }
        if (type == Map.class) {
            if (msg instanceof LuaMessage.Table table) {
                Map<String, Object> map = new LinkedHashMap<>();
                table.entries().forEach((key, value) -> map.put(
                        key instanceof LuaMessage.Bytes bytes ? bytes.asString() : String.valueOf(key), value.toJava()));
                return map;
            }
            throw mismatch(msg, type);
        }
        if (type == List.class) {
            if (msg instanceof LuaMessage.Table table && (table.entries().isEmpty() || table.isList())) {
                return (table.entries().isEmpty()) ? List.of() : table.toJava();
            }
            throw mismatch(msg, type);
        }
        throw mismatch(msg, type);
    }

    private long integral(LuaMessage msg, Class<?> type) {
        if (msg instanceof LuaMessage.Int i) {
            return i.value();
        }
        if (msg instanceof LuaMessage.Num n && n.value() == Math.rint(n.value()) && !Double.isInfinite(n.value())) {
            return (long) n.value();
        }
        throw mismatch(msg, type);
    }

    private IllegalArgumentException mismatch(LuaMessage msg, Class<?> type) {
        String what = (msg instanceof LuaMessage.Table table && table.isList()) ? "a list table"
                : (msg instanceof LuaMessage.Table) ? "a table"
                : "a " + msg.luaType() + " (" + (msg instanceof LuaMessage.Bytes ? msg : msg.toJava()) + ")";
        return new IllegalArgumentException(this.description + " expects " + type.getSimpleName() + " but got " + what);
    }

    @Override
    public String toString() {
        return this.description;
    }

}
