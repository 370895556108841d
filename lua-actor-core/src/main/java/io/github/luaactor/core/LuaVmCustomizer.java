package io.github.luaactor.core;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Prepares each new actor VM before its scripts run: adds Java functions or values as Lua globals. Applied again
 * to the fresh VM after a restart and after a hot reload.
 * <p>
 * Functions run on the actor's own thread while it holds its VM, so keep them quick; anything slow belongs in a
 * {@link LuaMessageHandler} reached with {@code ctx.send}. A Java exception becomes a Lua error that {@code pcall}
 * can catch.
 *
 * <pre>{@code
 * LuaActorSystem.builder()
 *     .customizer(LuaVmCustomizer.function("uuid", () -> UUID.randomUUID().toString()))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface LuaVmCustomizer {

    void customize(LuaGlobals globals);

    /** A global Lua function without arguments returning a value {@link LuaMessage#from(Object)} accepts. */
    static LuaVmCustomizer function(String name, Supplier<?> function) {
        Objects.requireNonNull(function, "function");
        return globals -> globals.function(name, args -> function.get());
    }

    /** A global Lua function of one argument. */
    static LuaVmCustomizer function(String name, Function<LuaMessage, ?> function) {
        Objects.requireNonNull(function, "function");
        return globals -> globals.function(name, args -> function.apply(args.get(0)));
    }

    /** A global Lua function of two arguments. */
    static LuaVmCustomizer function(String name, BiFunction<LuaMessage, LuaMessage, ?> function) {
        Objects.requireNonNull(function, "function");
        return globals -> globals.function(name, args -> function.apply(args.get(0), args.get(1)));
    }

    /** This customizer, applied only to the actors whose names pass the filter. */
    default LuaVmCustomizer onlyFor(java.util.function.Predicate<String> actorNames) {
        Objects.requireNonNull(actorNames, "actorNames");
        LuaVmCustomizer self = this;
        return globals -> {
            if (actorNames.test(globals.actorName())) {
                self.customize(globals);
            }
        };
    }

    /** This customizer, applied only to the named actors. */
    default LuaVmCustomizer onlyFor(String... actorNames) {
        java.util.Set<String> names = java.util.Set.of(actorNames);
        return onlyFor(names::contains);
    }

    /**
     * On a {@code LuaVmCustomizer} bean: apply it only to the named actors (the Spring Boot auto-configuration
     * reads it; in plain Java use {@link #onlyFor(String...)}).
     */
    @java.lang.annotation.Documented
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target({java.lang.annotation.ElementType.TYPE, java.lang.annotation.ElementType.METHOD})
    @interface Actors {
        String[] value();
    }

    /** A global value. */
    static LuaVmCustomizer value(String name, Object value) {
        LuaMessage message = LuaMessage.from(value);
        return globals -> globals.set(name, message);
    }

    /** The globals of one actor VM, as a customizer sees them. */
    interface LuaGlobals {
        /** The actor whose VM this is. */
        String actorName();

        /** Sets a global to a (deep-copied) value. */
        void set(String name, LuaMessage value);

        /**
         * Defines a global function. Its arguments arrive as messages (missing ones as {@link LuaMessage#NIL}); its
         * result is converted with {@link LuaMessage#from(Object)}.
         */
        void function(String name, JavaFunction function);

        /** The raw LuaJ globals, for what the methods above cannot express. Bypasses the sandbox's guarantees. */
        org.luaj.vm2.Globals luaj();
    }

    /** A Java function callable from Lua. */
    @FunctionalInterface
    interface JavaFunction {
        Object call(java.util.List<LuaMessage> arguments) throws Exception;
    }
}
