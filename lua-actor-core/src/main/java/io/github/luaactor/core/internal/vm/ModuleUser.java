package io.github.luaactor.core.internal.vm;

/** An actor whose VM required shared modules, as {@link Modules} sees it: told to forget one on a reload. */
public interface ModuleUser {
    String name();

    /** Queues the removal of a module from this actor's VM; false when the actor no longer runs. */
    boolean forgetModule(String module);
}
