/**
 * Lua actors across an embedded Hazelcast 5 cluster, over the core's {@code RemoteActors} and
 * {@code LuaStatePersistence} extension points: {@link io.github.luaactor.cluster.hazelcast.HazelcastActorCluster}
 * places each catalogued actor on the owner of its name's partition, routes messages there, and commits
 * {@code ctx.state} after each message to a replicated map with revisions. Spring-free. See docs/cluster.md.
 */
package io.github.luaactor.cluster.hazelcast;
