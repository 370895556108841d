package io.github.luaactor.core.internal.vm;

import org.luaj.vm2.Prototype;

/**
 * The compiled hooks of one actor; {@code null} where a hook is absent.
 *
 * @param queueSends  whether a Java {@code send} must always be queued rather than run on the sender's thread:
 *                    the actor's chunks may wait for another actor ({@link WaitScan}; the hooks are scanned too, as
 *                    a function that {@code on_started} leaves in a global may be what the handler calls), or one
 *                    of its handlers waited
 */
public record ActorScripts(Prototype handle, Prototype started, Prototype stopped, Prototype reload,
        boolean queueSends) {

    public ActorScripts(Prototype handle, Prototype started, Prototype stopped, Prototype reload) {
        this(handle, started, stopped, reload, WaitScan.mayWait(handle) || WaitScan.mayWait(started)
                || WaitScan.mayWait(stopped) || WaitScan.mayWait(reload));
    }

    public ActorScripts withHandle(Prototype newHandle, Prototype newReload) {
        return new ActorScripts(newHandle, started, stopped, newReload == null ? reload : newReload);
    }

    /** The same scripts, whose sends are queued from now on (a handler waited). */
    public ActorScripts queueingSends() {
        return queueSends ? this : new ActorScripts(handle, started, stopped, reload, true);
    }
}
