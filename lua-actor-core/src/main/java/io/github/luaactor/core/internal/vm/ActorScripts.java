package io.github.luaactor.core.internal.vm;

import org.luaj.vm2.Prototype;

/** The compiled hooks of one actor; {@code null} where a hook is absent. */
public record ActorScripts(Prototype handle, Prototype started, Prototype stopped, Prototype reload) {

    public ActorScripts withHandle(Prototype newHandle, Prototype newReload) {
        return new ActorScripts(newHandle, started, stopped, newReload == null ? reload : newReload);
    }
}
