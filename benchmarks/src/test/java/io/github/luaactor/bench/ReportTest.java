package io.github.luaactor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ThroughputResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;

/** The table and the plot from synthetic JMH results, without running a benchmark. */
class ReportTest {
    private static final String PACKAGE = "io.github.luaactor.bench.";

    @TempDir
    Path dir;

    /** A throughput result whose forks scored the given values, one array of iterations per fork. */
    private static RunResult run(String benchmark, Map<String, String> params, double[]... forks) {
        WorkloadParams workload = new WorkloadParams();
        params.forEach((k, v) -> workload.put(k, v, 0));
        IterationParams measurement = new IterationParams(IterationType.MEASUREMENT, forks[0].length,
                TimeValue.seconds(1), 1);
        BenchmarkParams benchmarkParams = new BenchmarkParams(PACKAGE + benchmark, "generated", false, 1,
                new int[] {1}, List.of(), forks.length, 0,
                new IterationParams(IterationType.WARMUP, 1, TimeValue.seconds(1), 1), measurement,
                Mode.Throughput, workload, TimeUnit.SECONDS, 1, "java", List.of(), "25", "vm", "1", "1.37",
                TimeValue.minutes(1));
        List<BenchmarkResult> results = new ArrayList<>();
        for (double[] fork : forks) {
            List<IterationResult> iterations = new ArrayList<>();
            for (double score : fork) {
                IterationResult iteration = new IterationResult(benchmarkParams, measurement,
                        new IterationResultMetaData(1, 1));
                // score operations in one second
                iteration.addResult(new ThroughputResult(ResultRole.PRIMARY, benchmark, score, 1_000_000_000L,
                        TimeUnit.SECONDS));
                iterations.add(iteration);
            }
            results.add(new BenchmarkResult(benchmarkParams, iterations));
        }
        return new RunResult(benchmarkParams, results);
    }

    private static List<RunResult> results() {
        List<RunResult> runs = new ArrayList<>();
        // forks' means 3.0 M, 3.0 M and 3.4 M: the median is 3.0 M
        runs.add(run("TellBench.project", Map.of("metrics", "off"),
                new double[] {2.9e6, 3.1e6}, new double[] {3.0e6, 3.0e6}, new double[] {3.5e6, 3.3e6}));
        runs.add(run("TellBench.project", Map.of("metrics", "on"), new double[] {2.85e6, 2.85e6}));
        runs.add(run("TellBench.pekko", Map.of(), new double[] {1e6, 1e6}));
        runs.add(run("TellBench.bareLuaj", Map.of(), new double[] {6e6, 6e6}));
        for (int actors : new int[] {1, 10, 100, 1000}) {
            runs.add(run("ScalingBench.project", Map.of("actors", Integer.toString(actors)),
                    new double[] {1e6 * Math.log10(10 * actors)}));
            runs.add(run("ScalingBench.pekko", Map.of("actors", Integer.toString(actors)),
                    new double[] {0.3e6 * Math.log10(10 * actors)}));
        }
        runs.add(run("RealisticBench.project", Map.of("handler", "window"), new double[] {1e6}));
        runs.add(run("RealisticBench.pekko", Map.of("handler", "window"), new double[] {0.3e6}));
        runs.add(run("RealisticBench.bare", Map.of("handler", "window", "mode", "interpreted"), new double[] {0.5e6}));
        runs.add(run("RealisticBench.bare", Map.of("handler", "window", "mode", "luajc"), new double[] {2e6}));
        runs.add(run("AccountingBench.project", Map.of("memory", "default"), new double[] {0.96e6}));
        runs.add(run("AccountingBench.project", Map.of("memory", "off"), new double[] {1e6}));
        runs.add(run("ClusterCrossMember.crossMemberSendGet", Map.of(), new double[] {190, 210}));
        runs.add(run("ClusterCrossMember.pekkoShardingAsk", Map.of(), new double[] {400}));
        runs.add(run("ClusterCrossMember.crossMemberCtxSendInFlight", Map.of(), new double[] {30e3}));
        runs.add(run("ClusterCrossMember.pekkoShardingAskInFlight", Map.of(), new double[] {25e3}));
        runs.add(run("ClusterCrossMember.localTell", Map.of(), new double[] {2.85e6}));
        return runs;
    }

    private static List<RunResult> oneCore() {
        return List.of(run("ScalingBench.project", Map.of("actors", "100"), new double[] {1.5e6}),
                run("ScalingBench.pekko", Map.of("actors", "100"), new double[] {0.6e6}));
    }

    static Report report() {
        Report report = new Report();
        report.addJmh(results(), "");
        report.addJmh(oneCore(), Report.ONE_CORE);
        report.addDensity(Density.parse("{\"impl\":\"project\",\"actors\":100000,\"bytesPerActor\":2048.5,"
                + "\"startMillis\":900.0,\"heapBefore\":1,\"heapAfter\":2}"));
        report.addDensity(Density.parse("{\"impl\":\"pekko\",\"actors\":10000,\"bytesPerActor\":30000.0,"
                + "\"startMillis\":300.0,\"heapBefore\":1,\"heapAfter\":2}"));
        report.environment("jdk=test, cores=2");
        return report;
    }

    @Test
    void theTableShowsMediansOfForksRatiosAndTargets() {
        String table = report().table();

        assertThat(table).contains(
                "| 1 tell, 2 M msgs, 1 producer | msg/s | 3.00 M | 1.00 M | 6.00 M | 3.00 x Pekko | >= 3x Pekko | yes |",
                "| 1 tell vs bare LuaJ call loop |  |  |  |  | 0.50 x bare | >= 0.35x bare | yes |",
                "| 6 tell with Micrometer monitor | msg/s | 2.85 M |  |  | 5.00 % slower | <= 10 % | yes |",
                "| 5 density, 100,000 idle actors (Pekko: 10,000) | heap bytes/actor | 2,049 | 30,000 |",
                "B | <= 3,891 B (3.8 KB) | yes |",
                "| 5 density, stretch target | heap bytes/actor |  |  |  | 2048.50 B | <= 2,048 B (2 KB) | **no** |",
                "| 7 busy actors: 100 actors, 2 cores | msg/s | 3.00 M | 900.0 k |  | 2.00 x 1 core (Pekko 1.50x)"
                        + " | >= 1.7x 1 core | yes |",
                "| TellBench.project{metrics=off} | ops/s | 3.00 M | 3.00 M, 3.00 M, 3.40 M |",
                "| ScalingBench.pekko{actors=100} [1 core] | ops/s | 600.0 k | 600.0 k |",
                "Medians over forks of each fork's mean (forks: 3 per benchmark; density runs: 1 + 1). Run: jdk=test,"
                        + " cores=2.");
        assertThat(table).contains(
                "| 8 sliding window of 32, mean and max, 500 k tells (bare: interpreted) | msg/s | 1.00 M | 300.0 k"
                        + " | 500.0 k | 3.33 x Pekko | >= 2.5x Pekko | yes |",
                "| 8 sliding window of 32, mean and max vs bare luajc loop | msg/s |  |  | 2.00 M | 0.50 x bare luajc"
                        + " | >= 0.7x bare luajc | **no** |");
        assertThat(table).contains("| 10 memory accounting: window handler, default limit (no limit: 1.00 M msg/s)"
                + " | msg/s | 960.0 k |  |  | 4.00 % slower | (info) |  |");
        assertThat(table).as("workload 9: the cluster against Pekko sharding, the local tell against TellBench's")
                .contains("| 9 cluster, send().get() to another member (Pekko: sharded entity ask) | µs | 200.0 | 400.0"
                                + " |  | 0.50 x Pekko | <= 0.67x Pekko | yes |",
                        "| 9 cluster, ctx.send to another member, 64 in flight (Pekko: entity asks) | round trips/s"
                                + " | 30.0 k | 25.0 k |  | 1.20 x Pekko | >= 1.5x Pekko | **no** |",
                        "| 9 cluster, tell into a local actor on a member, 2 M msgs | msg/s | 2.85 M |  |  | 0.95 x"
                                + " single-JVM tell | >= 0.9x single-JVM tell | yes |");
        assertThat(table).as("the targets of issue 18").contains(
                "| 2 ask, sequential round trip (send().get()) | µs | – | – |  |  | <= 0.5x Pekko ask |  |",
                "| 3 lua-to-lua, 64 in flight (Pekko: coroutines) | round trips/s | – | – |  |  | >= 30x Pekko |  |");
        assertThat(table).as("a benchmark that did not run leaves its cells empty, not an error")
                .contains("| 2 ask, sequential round trip (call) | µs | – | – |  |  |");
    }

    @Test
    void aBenchmarkRunInRoundsPoolsItsForks() throws Exception {
        // Workload 7 runs 100 actors as three runs of one fork each, beside the one-core forks.
        List<RunResult> rounds = List.of(
                run("ScalingBench.project", Map.of("actors", "100"), new double[] {4e6}),
                run("ScalingBench.project", Map.of("actors", "100"), new double[] {6e6}),
                run("ScalingBench.project", Map.of("actors", "100"), new double[] {5e6}));
        List<RunResult> oneCore = List.of(
                run("ScalingBench.project", Map.of("actors", "100"), new double[] {2e6}),
                run("ScalingBench.project", Map.of("actors", "100"), new double[] {3.5e6}),
                run("ScalingBench.project", Map.of("actors", "100"), new double[] {2.5e6}));
        Report report = new Report();
        report.addJmh(rounds, "");
        report.addJmh(oneCore, Report.ONE_CORE);

        assertThat(report.get("ScalingBench.project{actors=100}")).isEqualTo(5e6);
        assertThat(report.get("ScalingBench.project{actors=100}" + Report.ONE_CORE)).isEqualTo(2.5e6);
        assertThat(report.table()).contains(
                "| ScalingBench.project{actors=100} | ops/s | 5.00 M | 4.00 M, 6.00 M, 5.00 M |",
                "| 7 busy actors: 100 actors, 2 cores | msg/s | 5.00 M |",
                "| 2.00 x 1 core (Pekko");

        ResultFormatFactory.getInstance(ResultFormatType.JSON, dir.resolve(ResultFiles.JMH).toString())
                .writeOut(rounds);
        ResultFormatFactory.getInstance(ResultFormatType.JSON, dir.resolve(ResultFiles.JMH_ONE_CORE).toString())
                .writeOut(oneCore);
        Report fromFiles = new Report();
        new ResultFiles(dir).readJmh(fromFiles);
        assertThat(fromFiles.get("ScalingBench.project{actors=100}")).isEqualTo(5e6);
        assertThat(fromFiles.get("ScalingBench.project{actors=100}" + Report.ONE_CORE)).isEqualTo(2.5e6);
    }

    @Test
    void theFilesOfARunGiveTheSameTable() throws Exception {
        ResultFormatFactory.getInstance(ResultFormatType.JSON, dir.resolve(ResultFiles.JMH).toString())
                .writeOut(results());
        ResultFormatFactory.getInstance(ResultFormatType.JSON, dir.resolve(ResultFiles.JMH_ONE_CORE).toString())
                .writeOut(oneCore());
        Files.writeString(dir.resolve(ResultFiles.DENSITY), """
                [
                {"impl":"project","actors":100000,"bytesPerActor":2048.5,"startMillis":900.0,"heapBefore":1,"heapAfter":2},
                {"impl":"pekko","actors":10000,"bytesPerActor":30000.0,"startMillis":300.0,"heapBefore":1,"heapAfter":2}
                ]
                """);
        Files.writeString(dir.resolve(ResultFiles.ENVIRONMENT), "jdk=test\ncores=2\n");
        Report fromFiles = new Report();
        ResultFiles files = new ResultFiles(dir);
        files.readJmh(fromFiles);
        files.readDensity(fromFiles);
        files.readEnvironment(fromFiles);

        assertThat(fromFiles.table()).isEqualTo(report().table());
    }

    @Test
    void thePlotIsAPngOfTheScalingRun() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        report().write(dir, docs);

        Path png = docs.resolve("performance-scaling.png");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG that ImageIO can read").isNotNull();
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(540);
        assertThat(Files.readString(dir.resolve("table.md"))).isEqualTo(report().table());
        assertThat(pixels(image, 0x1f77b4)).as("this project's line").isGreaterThan(200);
        assertThat(pixels(image, 0xd62728)).as("the Pekko line").isGreaterThan(200);
    }

    @Test
    void aRunWithoutTheScalingBenchmarkStillGetsAPlot() throws Exception {
        Report report = new Report();
        report.addJmh(List.of(run("TellBench.pekko", Map.of(), new double[] {1e6})), "");
        Path png = dir.resolve("empty.png");
        report.plot(png);
        assertThat(ImageIO.read(png.toFile())).isNotNull();
    }

    private static int pixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
