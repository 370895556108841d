package io.github.luaactor.spring.boot.actuate;

import io.github.luaactor.core.ActorSettings;
import io.micrometer.core.instrument.Tag;

/**
 * The Micrometer binder under its former name, kept so that code written against it still compiles and runs: the
 * binder needs no Spring and moved to the {@code lua-actor-micrometer} module as
 * {@link io.github.luaactor.micrometer.LuaActorMetrics}. The auto-configured bean is still an instance of this class,
 * so it can be injected under either name.
 *
 * @deprecated use {@link io.github.luaactor.micrometer.LuaActorMetrics} (artifact
 *             {@code io.github.luaactor:lua-actor-micrometer}, included by the starter)
 */
@Deprecated(since = "0.1.0")
public class LuaActorMetrics extends io.github.luaactor.micrometer.LuaActorMetrics {

    /**
     * One message in 16 is timed under load.
     *
     * @deprecated the defaults live in one place: use {@link ActorSettings#DEFAULT_TIMER_SAMPLING}
     */
    @Deprecated(since = "0.1.0")
    public static final int DEFAULT_TIMER_SAMPLING = ActorSettings.DEFAULT_TIMER_SAMPLING;

    public LuaActorMetrics() {
    }

    /** Adds these tags to every meter. */
    public LuaActorMetrics(Iterable<Tag> extraTags) {
        super(extraTags);
    }

    /** Adds these tags to every meter and times one message in {@code timerSampling} while the actor is busy. */
    public LuaActorMetrics(Iterable<Tag> extraTags, int timerSampling) {
        super(extraTags, timerSampling);
    }

}
