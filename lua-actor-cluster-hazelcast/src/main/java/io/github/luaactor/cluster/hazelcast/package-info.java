/**
 * Lua actors across an embedded Hazelcast 5 cluster, over the core's {@code RemoteActors} extension point and its
 * durable state: {@link io.github.luaactor.cluster.hazelcast.HazelcastActorCluster} places each catalogued actor on
 * the owner of its name's partition and routes messages there; the actors are durable actors on
 * {@link io.github.luaactor.cluster.hazelcast.HazelcastStateStore}, a replicated map with revisions. Spring-free. See docs/cluster.md.
 */
package io.github.luaactor.cluster.hazelcast;
