package io.github.luaactor.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.luaactor.core.LuaActorBuilder;
import io.github.luaactor.core.LuaActorRef;
import io.github.luaactor.core.LuaActorSystem;
import io.github.luaactor.core.LuaMessage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Workload 5a (density), run by {@link BenchMain} in a fresh JVM per measurement: heap bytes per idle actor with
 * N actors started, each having handled one message ({@link Scripts#ADD_TO_STATE}, sent as a request so we know it
 * ran). Heap is read from {@code MemoryMXBean} after repeated {@code System.gc()} before and after. Prints one line
 * {@code DENSITY {json}}.
 *
 * <pre>java -cp ... io.github.luaactor.bench.DensityProbe project|pekko 100000</pre>
 */
public final class DensityProbe {
    private DensityProbe() {
    }

    public static void main(String[] args) throws Exception {
        String impl = args[0];
        int count = Integer.parseInt(args[1]);
        // Warm up class loading, JIT and the actor systems' own fixed structures, then throw it all away.
        run(impl, 2_000, "warm");
        long before = settledHeap();
        long start = System.nanoTime();
        Object keep = run(impl, count, "n");
        long startNanos = System.nanoTime() - start;
        long after = settledHeap();
        double perActor = (after - before) / (double) count;
        System.out.printf(Locale.ROOT, "DENSITY {\"impl\":\"%s\",\"actors\":%d,\"bytesPerActor\":%.1f,"
                + "\"startMillis\":%.1f,\"heapBefore\":%d,\"heapAfter\":%d}%n", impl, count, perActor,
                startNanos / 1e6, before, after);
        if (Boolean.getBoolean("bench.histo")) {
            // What the retained bytes are made of: -Dbench.histo=true prints the top of a class histogram.
            Object histo = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
            histo.toString().lines().limit(40).forEach(System.out::println);
        }
        java.lang.ref.Reference.reachabilityFence(keep);
        System.exit(0);
    }

    /** Starts {@code count} actors, each handling one message; returns what keeps them alive. */
    private static Object run(String impl, int count, String prefix) throws Exception {
        List<CompletableFuture<?>> replies = new ArrayList<>(count);
        Object owner;
        if (impl.equals("project")) {
            LuaActorSystem system = LuaActorSystem.create();
            LuaMessage one = LuaMessage.from(1);
            List<LuaActorRef> refs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                LuaActorRef ref = LuaActorBuilder.create().name(prefix + "-" + i).onHandle(Scripts.ADD_TO_STATE)
                        .start(system);
                refs.add(ref);
                replies.add(ref.send(one));
            }
            owner = List.of(system, refs);
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
            if (prefix.equals("warm")) {
                system.close();
            }
        } else {
            ActorSystem<Void> system = PekkoLua.system("density");
            List<ActorRef<PekkoLua.Msg>> refs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ActorRef<PekkoLua.Msg> ref = PekkoLua.spawn(system, PekkoLua.luaActor(Scripts.ADD_TO_STATE, null),
                        prefix + "-" + i);
                refs.add(ref);
                replies.add(PekkoLua.ask(system, ref, 1));
            }
            owner = List.of(system, refs);
            CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
            if (prefix.equals("warm")) {
                PekkoLua.terminate(system);
            }
        }
        return owner;
    }

    private static long settledHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
