package io.github.luaactor.spring.boot.autoconfigure;

import java.util.List;
import java.util.Optional;

/**
 * The actors the auto-configuration starts, in start order; a bean named {@value #BEAN_NAME}.
 *
 * @param definitions one per enabled actor
 */
public record LuaActorDefinitions(List<LuaActorDefinition> definitions) {

    /** Name of this bean. */
    public static final String BEAN_NAME = "luaActorDefinitions";

    public LuaActorDefinitions {
        definitions = List.copyOf(definitions);
    }

    /** The definition of the named actor. */
    public Optional<LuaActorDefinition> find(String name) {
        return this.definitions.stream().filter((d) -> d.name().equals(name)).findFirst();
    }

    /** The actors' names, in start order. */
    public List<String> names() {
        return this.definitions.stream().map(LuaActorDefinition::name).toList();
    }

}
