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

import org.openjdk.jmh.results.format.ResultFormatType;
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

        Sanity.check();

        if (jmh) {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .jvmArgs("-Xms2g", "-Xmx2g")
                    .resultFormat(ResultFormatType.JSON)
                    .result(out.resolve("jmh-result.json").toString())
                    .shouldFailOnError(true);
            if (includes.isEmpty()) {
                options.include("io\\.github\\.luaactor\\.bench\\..*Bench\\..*");
            } else {
                includes.forEach(options::include);
            }
            if (quick) {
                options.forks(1)
                        .warmupIterations(1).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(2).measurementTime(TimeValue.seconds(1))
                        .param("actors", "1", "10", "100", "1000");
            }
            new Runner(options.build()).run();
        }

        if (density) {
            int runs = quick ? 1 : 3;
            List<String> lines = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                for (String impl : List.of("project", "pekko")) {
                    String line = densityFork(impl, densityActors);
                    System.out.println(line);
                    lines.add(line.substring("DENSITY ".length()));
                }
            }
            Files.writeString(out.resolve("density.json"), "[\n" + String.join(",\n", lines) + "\n]\n");
        }

        Report.main(docs == null ? new String[] {out.toString()} : new String[] {out.toString(), docs});
        System.out.printf("Total time %.0f s; results in %s%n", (System.nanoTime() - started) / 1e9,
                out.toAbsolutePath().normalize());
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
