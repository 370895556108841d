package io.github.luaactor.test.spring;

import java.io.IOException;
import java.util.Set;

import io.github.luaactor.core.LuaActorMonitor;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaModuleResolver;
import io.github.luaactor.core.LuaRecipient;
import io.github.luaactor.core.LuaScriptResolver;
import io.github.luaactor.core.LuaTimerScheduler;
import io.github.luaactor.core.LuaVmCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps the scanned components a Lua actor needs: recipients (a {@code @LuaRecipient} class or a class with
 * {@code @LuaRecipient} methods, or a {@code LuaMessageHandler}), the beans that shape actors and configuration
 * properties, and {@code @Configuration} classes whose {@code @Bean} methods return one of those types.
 */
final class LuaActorsTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<LuaActorsTest> {
    private static final Set<Class<?>> INCLUDES = Set.of(LuaRecipient.class, LuaMessageHandler.class,
            LuaVmCustomizer.class, LuaActorMonitor.class, LuaScriptResolver.class, LuaModuleResolver.class,
            LuaTimerScheduler.class, ConfigurationProperties.class);

    LuaActorsTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
    }

    @Override
    protected Set<Class<?>> getKnownIncludes() {
        return INCLUDES;
    }

    @Override
    protected boolean defaultInclude(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory)
            throws IOException {
        if (super.defaultInclude(metadataReader, metadataReaderFactory)) {
            return true;
        }
        AnnotationMetadata metadata = metadataReader.getAnnotationMetadata();
        return metadata.hasAnnotatedMethods(LuaRecipient.class.getName()) || declaresLuaBeans(metadata);
    }

    private static boolean declaresLuaBeans(AnnotationMetadata metadata) {
        for (MethodMetadata method : metadata.getAnnotatedMethods(Bean.class.getName())) {
            for (Class<?> type : INCLUDES) {
                if (type.getName().equals(method.getReturnTypeName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
