package io.github.luaactor.core.internal.vm;

import org.luaj.vm2.Prototype;

/**
 * The compiled hooks of one actor; {@code null} where a hook is absent.
 *
 * @param handleMayWait whether the handler may wait for another actor ({@link WaitScan}); an actor whose handler
 *                      cannot wait may run a {@code send} on the sender's own thread
 */
public record ActorScripts(Prototype handle, Prototype started, Prototype stopped, Prototype reload,
        boolean handleMayWait) {

    public ActorScripts(Prototype handle, Prototype started, Prototype stopped, Prototype reload) {
        this(handle, started, stopped, reload, WaitScan.mayWait(handle));
    }

    public ActorScripts withHandle(Prototype newHandle, Prototype newReload) {
        return new ActorScripts(newHandle, started, stopped, newReload == null ? reload : newReload);
    }

    /** The same scripts, known to wait: a handler reached {@code ctx.send} in a way {@link WaitScan} missed. */
    public ActorScripts waiting() {
        return handleMayWait ? this : new ActorScripts(handle, started, stopped, reload, true);
    }
}
