package io.github.luaactor.spring.boot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.luaactor.spring.boot.autoconfigure.cluster.LuaActorClusterProperties;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.ResolvableType;

/**
 * Every key {@link LuaActorProperties} (and {@link LuaActorClusterProperties}, under {@code lua-actor.cluster}) binds, read from the class itself so that it cannot drift from it: the key of
 * each leaf property, with a wildcard for the free actor name under {@code lua-actor.actors} and an index for list
 * elements. Tells whether a name is one of them and which one is closest to a name that is not.
 */
final class LuaActorPropertyKeys {

    /** A path element that matches any map key: the actor name. */
    private static final String ANY_KEY = "<name>";

    /** A path element that matches a list index such as {@code [0]}. */
    private static final String INDEX = "[0]";

    private static final LuaActorPropertyKeys INSTANCE = new LuaActorPropertyKeys(
            collect(LuaActorClusterProperties.class, List.of(LuaActorProperties.PREFIX, "cluster"),
                    collect(LuaActorProperties.class, List.of(LuaActorProperties.PREFIX), new ArrayList<>())));

    private final List<List<String>> keys;

    private LuaActorPropertyKeys(List<List<String>> keys) {
        this.keys = List.copyOf(keys);
    }

    static LuaActorPropertyKeys get() {
        return INSTANCE;
    }

    /** The known keys in their documented form, such as {@code lua-actor.actors.<name>.handle}. */
    List<String> keys() {
        return this.keys.stream().map((key) -> String.join(".", key).replace(".[", "[")).toList();
    }

    /**
     * Whether {@code name} is a known key, or a parent of one (YAML writes an empty group, such as an actor without
     * keys, as a property of its own).
     */
    boolean isKnown(ConfigurationPropertyName name) {
        for (List<String> key : this.keys) {
            if (name.getNumberOfElements() <= key.size() && matches(name, key)) {
                return true;
            }
            // A map of plain values takes dotted keys whole, such as hazelcast-properties.hazelcast.partition.count.
            if (key.get(key.size() - 1).equals(ANY_KEY) && name.getNumberOfElements() > key.size()
                    && matches(name.chop(key.size()), key)) {
                return true;
            }
        }
        return false;
    }

    /** The known key closest to {@code name} (by edit distance), written with the actor name that {@code name} has. */
    String closest(ConfigurationPropertyName name) {
        String written = name.toString();
        String best = "";
        int bestDistance = Integer.MAX_VALUE;
        for (List<String> key : this.keys) {
            String candidate = render(key, name);
            int distance = distance(written, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static boolean matches(ConfigurationPropertyName name, List<String> key) {
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            String element = key.get(i);
            boolean match = switch (element) {
                case ANY_KEY -> true;
                case INDEX -> name.isNumericIndex(i);
                default -> name.getElement(i, Form.UNIFORM).equals(uniform(element));
            };
            if (!match) {
                return false;
            }
        }
        return true;
    }

    private static String render(List<String> key, ConfigurationPropertyName name) {
        StringBuilder rendered = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            String element = key.get(i);
            if (element.equals(ANY_KEY) && i < name.getNumberOfElements()) {
                String actor = name.getElement(i, Form.ORIGINAL);
                element = actor.contains(".") ? "[" + actor + "]" : actor;
            }
            if (!rendered.isEmpty() && !element.startsWith("[")) {
                rendered.append('.');
            }
            rendered.append(element);
        }
        return rendered.toString();
    }

    private static String uniform(String element) {
        return element.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Adds the keys of {@code type}'s properties under {@code prefix}, descending into this package's nested types. */
    private static List<List<String>> collect(Class<?> type, List<String> prefix, List<List<String>> keys) {
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            Method getter = descriptor.getReadMethod();
            if (getter == null || descriptor.getName().equals("class")) {
                continue;
            }
            List<String> key = append(prefix, kebab(descriptor.getName()));
            ResolvableType propertyType = ResolvableType.forMethodReturnType(getter);
            Class<?> resolved = propertyType.toClass();
            if (Map.class.isAssignableFrom(resolved)) {
                keys.add(key);
                collectValue(propertyType.asMap().getGeneric(1).toClass(), append(key, ANY_KEY), keys);
            }
            else if (Collection.class.isAssignableFrom(resolved)) {
                keys.add(key);
                collectValue(propertyType.asCollection().getGeneric(0).toClass(), append(key, INDEX), keys);
            }
            else {
                collectValue(resolved, key, keys);
            }
        }
        return keys;
    }

    private static void collectValue(Class<?> type, List<String> key, List<List<String>> keys) {
        if (isNested(type)) {
            collect(type, key, keys);
        }
        else {
            keys.add(key);
        }
    }

    private static boolean isNested(@Nullable Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (t == LuaActorProperties.class || t == LuaActorClusterProperties.class) {
                return type != t;
            }
        }
        return false;
    }

    private static List<String> append(List<String> key, String element) {
        List<String> longer = new ArrayList<>(key);
        longer.add(element);
        return longer;
    }

    private static String kebab(String propertyName) {
        return propertyName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each counting one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

}
