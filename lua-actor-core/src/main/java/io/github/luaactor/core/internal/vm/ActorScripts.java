package io.github.luaactor.core.internal.vm;

import org.luaj.vm2.Prototype;

/**
 * The compiled hooks of one actor; {@code null} where a hook is absent.
 *
 * @param queueSends  whether a Java {@code send} must always be queued rather than run on the sender's thread:
 *                    the actor's chunks may wait for another actor ({@link WaitScan}; the hooks are scanned too, as
 *                    a function that {@code on_started} leaves in a global may be what the handler calls), or one
 *                    of its handlers waited or ran long
 * @param provenShort whether a handler of this actor has run, queued, without reaching the first clock check: until
 *                    one has, a send is queued, so a handler that loops from its first message never holds a
 *                    sender's thread
 */
public record ActorScripts(Prototype handle, Prototype started, Prototype stopped, Prototype reload,
        boolean queueSends, boolean provenShort) {

    public ActorScripts(Prototype handle, Prototype started, Prototype stopped, Prototype reload) {
        this(handle, started, stopped, reload, WaitScan.mayWait(handle) || WaitScan.mayWait(started)
                || WaitScan.mayWait(stopped) || WaitScan.mayWait(reload), false);
    }

    public ActorScripts withHandle(Prototype newHandle, Prototype newReload) {
        return new ActorScripts(newHandle, started, stopped, newReload == null ? reload : newReload);
    }

    /** The same scripts, whose sends are queued from now on (a handler waited or ran long). */
    public ActorScripts queueingSends() {
        return queueSends ? this : new ActorScripts(handle, started, stopped, reload, true, provenShort);
    }

    /** The same scripts, a handler having run short. */
    public ActorScripts proven() {
        return provenShort ? this : new ActorScripts(handle, started, stopped, reload, queueSends, true);
    }
}
