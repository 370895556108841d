package io.github.luaactor.spring.boot.autoconfigure.cluster;

import java.time.Duration;

import io.github.luaactor.cluster.hazelcast.HazelcastActorCluster;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorDefinition;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorDefinitions;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorLifecycle;
import io.github.luaactor.spring.boot.autoconfigure.LuaActorStateSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;

/**
 * The life cycle of a cluster member: on start it binds the member to the actor system (from then on it activates
 * cluster actors and accepts other members' messages) and points each cluster actor's bean at the actor wherever
 * it lives, instead of starting it here; local actors start as in single-JVM mode. On stop it leaves first (other
 * members' messages for it are dropped, their asks fail when it leaves Hazelcast), then stops the local actors,
 * which handle what they hold and commit their state.
 */
public class ClusterLuaActorLifecycle extends LuaActorLifecycle {

    private static final Log logger = LogFactory.getLog(ClusterLuaActorLifecycle.class);

    private final LuaActorSystem system;

    private final HazelcastActorCluster cluster;

    private final ClusterActorNames names;

    private boolean bound;

    public ClusterLuaActorLifecycle(LuaActorSystem system, LuaActorDefinitions definitions, BeanFactory beanFactory,
            Duration shutdownTimeout, @Nullable LuaActorStateSettings stateSettings, HazelcastActorCluster cluster,
            ClusterActorNames names) {
        super(system, definitions, beanFactory, shutdownTimeout, stateSettings);
        this.system = system;
        this.cluster = cluster;
        this.names = names;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        if (this.bound) {
            throw new IllegalStateException("A Lua actor cluster member cannot rejoin after it was stopped: "
                    + "restart the application instead");
        }
        this.cluster.bind(this.system);
        this.bound = true;
        if (logger.isInfoEnabled()) {
            logger.info("Lua actor cluster member " + this.cluster.localMember() + " joined with cluster actors "
                    + this.names.names() + " (" + this.cluster.members().size() + " members)");
        }
        super.start();
    }

    @Override
    protected @Nullable LuaActorRef placeElsewhere(LuaActorDefinition definition) {
        return this.names.isClustered(definition.name()) ? this.cluster.ref(definition.name()) : null;
    }

    @Override
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        try {
            this.cluster.close();
        }
        catch (RuntimeException ex) {
            logger.warn("Error while leaving the Lua actor cluster", ex);
        }
        super.stop();
    }

}
