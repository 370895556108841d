package io.github.luaactor.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every workload (JMH benchmarks, then the density probe in fresh JVMs), prints the table and draws the
 * plot. Run through Maven: {@code ./mvnw -pl benchmarks -am -Pbench -DskipTests verify} (add {@code -Dquick} for
 * the short version).
 * <p>
 * System properties: {@code bench.quick} (true: 1 fork, short iterations), {@code bench.out} (result directory),
 * {@code bench.docs} (where the PNG goes). Arguments: {@code -include REGEX} (repeatable; JMH benchmarks to run),
 * {@code -no-density}, {@code -no-jmh}, {@code -density-actors N}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.parseBoolean(System.getProperty("bench.quick", "false"))
                || "".equals(System.getProperty("bench.quick"));
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        String docs = System.getProperty("bench.docs");
        List<String> includes = new ArrayList<>();
        boolean density = true;
        boolean jmh = true;
        int densityActors = 100_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-include" -> includes.add(args[++i]);
                case "-no-density" -> density = false;
                case "-no-jmh" -> jmh = false;
                case "-density-actors" -> densityActors = Integer.parseInt(args[++i]);
                case "-quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(out);
        long started = System.nanoTime();
        System.out.printf("Benchmarks on %s %s (%s), %d cores, %s mode%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), System.getProperty("java.home"),
                Runtime.getRuntime().availableProcessors(), quick ? "QUICK" : "full");

        String loadBefore = loadAverage();
        System.out.println("Load average before: " + loadBefore + " (other processes on this machine skew results)");
        Sanity.check();

        // The report is fed the results of this run as JMH returns them; what the run skipped comes from the
        // files an earlier run left (e.g. -no-jmh to re-run only the density probe).
        Report report = new Report();
        ResultFiles files = new ResultFiles(out);
        if (jmh) {
            List<RunResult> results = new ArrayList<>();
            if (quick) {
                // One fork and short iterations; the coroutine baseline of lua-to-lua needs a few seconds of
                // warm-up before it reaches its steady rate, so that class gets its own, longer warm-up.
                String slowWarmup = "io\\.github\\.luaactor\\.bench\\.LuaToLuaBench\\..*";
                ChainedOptionsBuilder rest = options(out, includes).exclude(slowWarmup)
                        .warmupIterations(1).warmupTime(TimeValue.seconds(1));
                ChainedOptionsBuilder luaToLua = options(out, List.of(slowWarmup))
                        .warmupIterations(3).warmupTime(TimeValue.seconds(1));
                boolean wantLuaToLua = includes.isEmpty() || includes.stream().anyMatch(i -> i.contains("LuaToLua"));
                for (ChainedOptionsBuilder o : wantLuaToLua ? List.of(rest, luaToLua) : List.of(rest)) {
                    o.forks(1).measurementIterations(2).measurementTime(TimeValue.seconds(1))
                            .param("actors", "1", "10");
                    try {
                        results.addAll(new Runner(o.build()).run());
                    } catch (NoBenchmarksException e) {
                        // everything asked for was in the other group
                    }
                }
            } else {
                // 100 actors are measured in the rounds below, beside their one-core figure.
                results.addAll(new Runner(options(out, includes).param("actors", "1", "2", "4", "10", "1000").build())
                        .run());
            }
            boolean wantScaling = includes.isEmpty() || includes.stream().anyMatch(i -> i.contains("Scaling"));
            List<RunResult> oneCore = new ArrayList<>();
            if (wantScaling) {
                runScalingRounds(out, quick, results, oneCore);
            }
            // The raw results stay beside the table, for the record and for re-drawing with Report.
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out.resolve(ResultFiles.JMH).toString())
                    .writeOut(results);
            report.addJmh(results, "");
            if (oneCore.isEmpty()) {
                files.readJmhOneCore(report);
            } else {
                report.addJmh(oneCore, Report.ONE_CORE);
            }
        } else {
            files.readJmh(report);
        }

        if (density) {
            int runs = quick ? 1 : 3;
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                for (String impl : List.of("project", "pekko")) {
                    // Quick mode measures the baseline with 10,000 actors: 100,000 Pekko+LuaJ actors take ~15 s.
                    int actors = quick && impl.equals("pekko") ? Math.min(densityActors, 10_000) : densityActors;
                    String line = densityFork(impl, actors);
                    System.out.println(line);
                    lines.add(line.substring("DENSITY ".length()));
                }
            }
            Files.writeString(out.resolve(ResultFiles.DENSITY), "[\n" + String.join(",\n", lines) + "\n]\n");
            lines.forEach(line -> report.addDensity(Density.parse(line)));
        } else {
            files.readDensity(report);
        }

        String loadAfter = loadAverage();
        String environment = String.format(
                "jdk=%s %s%ncores=%d%nmode=%s%nload-average-before=%s%nload-average-after=%s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), quick ? "quick" : "full", loadBefore, loadAfter);
        Files.writeString(out.resolve(ResultFiles.ENVIRONMENT), environment);
        report.environment(String.join(", ", environment.lines().toList()));
        System.out.println("Load average after: " + loadAfter);
        report.write(out, docs == null ? null : Path.of(docs));
        System.out.printf("Total time %.0f s; results in %s%n", (System.nanoTime() - started) / 1e9,
                out.toAbsolutePath().normalize());
    }

    /**
     * Workload 7's ratio: 100 busy actors on both cores against the same 100 actors in a JVM pinned to one CPU with
     * {@code taskset}, so the ratio is what the second core adds. (Comparing with one actor on two cores would not
     * do: a single actor still uses the other core for its sender, the JIT and the GC.) Measured in rounds, each a
     * fork on two cores and then a fork on one, so that the two figures of a ratio are a minute apart rather than
     * the length of the whole run: this machine's speed drifts more than that over half an hour. Without
     * {@code taskset} only the two-core forks run.
     */
    private static void runScalingRounds(Path out, boolean quick, List<RunResult> twoCores, List<RunResult> oneCore)
            throws Exception {
        Path wrapper = oneCoreJava(out);
        int rounds = quick ? 1 : 3;
        for (int round = 0; round < rounds; round++) {
            twoCores.addAll(new Runner(hundredBusyActors(out, quick).build()).run());
            if (wrapper != null) {
                oneCore.addAll(new Runner(hundredBusyActors(out, quick).jvm(wrapper.toString()).build()).run());
            }
        }
        if (!oneCore.isEmpty()) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out.resolve(ResultFiles.JMH_ONE_CORE).toString())
                    .writeOut(oneCore);
        }
    }

    /** A launcher that runs this JDK's {@code java} on CPU 0 only, or null where {@code taskset} is missing. */
    private static Path oneCoreJava(Path out) throws IOException {
        Path taskset = Path.of("/usr/bin/taskset");
        if (!Files.isExecutable(taskset)) {
            System.out.println("taskset not found: skipping the one-core run of ScalingBench");
            return null;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path wrapper = out.resolve("java-on-one-core.sh");
        Files.writeString(wrapper, "#!/bin/sh\nexec " + taskset + " -c 0 '" + java + "' \"$@\"\n");
        wrapper.toFile().setExecutable(true);
        return wrapper.toAbsolutePath();
    }

    /** One fork of {@code ScalingBench} with 100 actors, both implementations. */
    private static ChainedOptionsBuilder hundredBusyActors(Path out, boolean quick) {
        ChainedOptionsBuilder options = options(out, List.of("io\\.github\\.luaactor\\.bench\\.ScalingBench\\..*"))
                .param("actors", "100").forks(1);
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        return options;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static ChainedOptionsBuilder options(Path out, List<String> includes) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .jvmArgs("-Xms2g", "-Xmx2g")
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("jmh-partial.json").toString())
                .shouldFailOnError(true);
        if (includes.isEmpty()) {
            options.include("io\\.github\\.luaactor\\.bench\\..*Bench\\..*");
            // Workload 9, named explicitly as its class name does not end in Bench (three cluster members per
            // fork: about 3 minutes of the full run).
            options.include("io\\.github\\.luaactor\\.bench\\.ClusterCrossMember\\..*");
        } else {
            includes.forEach(options::include);
        }
        return options;
    }

    /** Runs {@link DensityProbe} in a fresh JVM of the same JDK and returns its result line. */
    private static String densityFork(String impl, int actors) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xms4g", "-Xmx4g", "-cp", System.getProperty("java.class.path"),
                DensityProbe.class.getName(), impl, Integer.toString(actors));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                all.append(line).append(File.separatorChar == '/' ? "\n" : "\r\n");
                if (line.startsWith("DENSITY ")) {
                    result = line;
                }
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || result == null) {
            throw new IllegalStateException("density probe for " + impl + " failed:\n" + all);
        }
        return result;
    }
}
