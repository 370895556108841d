package io.github.luaactor.spring.boot.autoconfigure;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.github.luaactor.core.LuaVmCustomizer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The {@link LuaVmCustomizer} beans in {@code @Order}, each limited to the actors named by a
 * {@link LuaVmCustomizer.Actors @LuaVmCustomizer.Actors} on its class or on its {@code @Bean} method.
 */
final class LuaVmCustomizerBeans {

    private LuaVmCustomizerBeans() {
    }

    static List<LuaVmCustomizer> ordered(ObjectProvider<LuaVmCustomizer> customizers, ListableBeanFactory beanFactory) {
        // orderedStream() honours @Order on @Bean methods but hides bean names, which the annotation lookup needs.
        Map<LuaVmCustomizer, String> names = new IdentityHashMap<>();
        beanFactory.getBeansOfType(LuaVmCustomizer.class).forEach((name, bean) -> names.put(bean, name));
        return customizers.orderedStream().map((customizer) -> restrict(customizer, names.get(customizer), beanFactory))
            .toList();
    }

    private static LuaVmCustomizer restrict(LuaVmCustomizer customizer, @Nullable String beanName,
            ListableBeanFactory beanFactory) {
        if (beanName == null) { // a scoped or prototype customizer: not the instance getBeansOfType saw
            return customizer;
        }
        LuaVmCustomizer.Actors actors = beanFactory.findAnnotationOnBean(beanName, LuaVmCustomizer.Actors.class);
        return (actors != null) ? customizer.onlyFor(actors.value()) : customizer;
    }

}
