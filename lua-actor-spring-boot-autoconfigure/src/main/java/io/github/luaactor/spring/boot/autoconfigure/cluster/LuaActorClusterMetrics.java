package io.github.luaactor.spring.boot.autoconfigure.cluster;

import io.github.luaactor.cluster.hazelcast.ClusterCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of this Lua actor cluster member, each tagged {@code member=<host:port>}: {@code lua.actor.cluster.members},
 * {@code .activations} (cluster actors active here), {@code .asks.pending}, and the counters
 * {@code lua.actor.cluster.asks} ({@code target=local|remote}), {@code .tells.remote}, {@code .delivered} (messages
 * other members sent to actors here) and {@code .unavailable} (asks failed because their member left).
 */
public class LuaActorClusterMetrics implements MeterBinder {

    private final ClusterMemberView member;

    public LuaActorClusterMetrics(ClusterMemberView member) {
        this.member = member;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("member", this.member.localMember());
        ClusterMemberView view = this.member;
        ClusterCounters counters = view.counters();
        Gauge.builder("lua.actor.cluster.members", view, ClusterMemberView::memberCount)
            .description("Members of the Lua actor cluster, as this member sees it").tags(tags).register(registry);
        Gauge.builder("lua.actor.cluster.activations", view, (v) -> v.localActivations().size())
            .description("Cluster actors active on this member").tags(tags).register(registry);
        Gauge.builder("lua.actor.cluster.asks.pending", view, ClusterMemberView::pendingAsks)
            .description("Asks sent to other members and not answered yet").tags(tags).register(registry);
        FunctionCounter.builder("lua.actor.cluster.asks", counters, ClusterCounters::localAsks)
            .description("Asks to cluster actors").tags(tags.and("target", "local")).register(registry);
        FunctionCounter.builder("lua.actor.cluster.asks", counters, ClusterCounters::remoteAsks)
            .description("Asks to cluster actors").tags(tags.and("target", "remote")).register(registry);
        FunctionCounter.builder("lua.actor.cluster.tells.remote", counters, ClusterCounters::remoteTells)
            .description("Fire-and-forget messages sent to another member").tags(tags).register(registry);
        FunctionCounter.builder("lua.actor.cluster.delivered", counters, ClusterCounters::delivered)
            .description("Messages other members delivered to actors on this member").tags(tags).register(registry);
        FunctionCounter.builder("lua.actor.cluster.unavailable", counters, ClusterCounters::unavailable)
            .description("Asks failed because their member left before replying").tags(tags).register(registry);
    }

}
