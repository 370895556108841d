package io.github.luaactor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns JMH's results (and the density probe's) into the table of {@code docs/performance.md}, with the median over
 * forks of each fork's mean, the ratios and the targets, and draws the scaling plot. {@link BenchMain} hands
 * it the {@link RunResult}s of its run; {@link #main} re-draws both from the files a run left.
 *
 * <pre>java -cp ... io.github.luaactor.bench.Report benchmarks/target/bench [docs]</pre>
 */
public final class Report {
    /** A benchmark's result: the median over forks of the per-fork mean, with the per-fork means. */
    record Stat(double median, double[] forks, String unit) {
    }

    /** Suffix of the results measured in a JVM pinned to one CPU. */
    static final String ONE_CORE = " [1 core]";

    private final Map<String, Stat> stats = new LinkedHashMap<>();
    private final List<Density> density = new ArrayList<>();
    private String environment = "";

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Path docs = args.length > 1 ? Path.of(args[1]) : null;
        Report report = new Report();
        ResultFiles files = new ResultFiles(out);
        files.readJmh(report);
        files.readDensity(report);
        files.readEnvironment(report);
        report.write(out, docs);
    }

    /** Prints the table, writes it to {@code table.md} and, when {@code docs} is a directory, draws the plot there. */
    void write(Path out, Path docs) throws IOException {
        String table = table();
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("table.md"), table);
        if (docs != null && Files.isDirectory(docs)) {
            Path png = docs.resolve("performance-scaling.png");
            plot(png);
            System.out.println("Plot written to " + png.toAbsolutePath().normalize());
        }
    }

    /** Adds JMH's results; {@code suffix} tells runs of the same benchmark apart ({@link #ONE_CORE}). */
    void addJmh(Collection<RunResult> runs, String suffix) {
        for (RunResult run : runs) {
            BenchmarkParams params = run.getParams();
            Map<String, String> values = new TreeMap<>();
            for (String key : params.getParamsKeys()) {
                values.put(key, params.getParam(key));
            }
            List<double[]> forks = new ArrayList<>();
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                forks.add(fork.getIterationResults().stream()
                        .mapToDouble(iteration -> iteration.getPrimaryResult().getScore()).toArray());
            }
            addJmh(params.getBenchmark(), values, forks, run.getPrimaryResult().getScoreUnit(), suffix);
        }
    }

    /**
     * Adds one benchmark's scores; the forks of a benchmark added more than once are pooled.
     *
     * @param benchmark the full name, {@code io.github.luaactor.bench.TellBench.project}
     * @param params    its {@code @Param} values
     * @param forks     each fork's iteration scores
     */
    void addJmh(String benchmark, Map<String, String> params, List<double[]> forks, String unit, String suffix) {
        String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        if (!params.isEmpty()) {
            StringBuilder b = new StringBuilder(name).append('{');
            new TreeMap<>(params).forEach((k, v) -> b.append(k).append('=').append(v).append(','));
            b.setLength(b.length() - 1);
            name = b.append('}').toString();
        }
        double[] forkMeans = forks.stream().mapToDouble(f -> Arrays.stream(f).average().orElse(Double.NaN))
                .toArray();
        Stat earlier = stats.get(name + suffix);
        if (earlier != null) {
            // The same benchmark run again (workload 7's rounds, one fork each): its forks are pooled.
            double[] pooled = Arrays.copyOf(earlier.forks(), earlier.forks().length + forkMeans.length);
            System.arraycopy(forkMeans, 0, pooled, earlier.forks().length, forkMeans.length);
            forkMeans = pooled;
        }
        stats.put(name + suffix, new Stat(median(forkMeans), forkMeans, unit));
    }

    void addDensity(Density run) {
        density.add(run);
    }

    void environment(String environment) {
        this.environment = environment;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    double get(String key) {
        Stat s = stats.get(key);
        return s == null ? Double.NaN : s.median();
    }

    int forks(String key) {
        Stat s = stats.get(key);
        return s == null ? 0 : s.forks().length;
    }

    double density(String impl, ToDoubleFunction<Density> field) {
        return median(density.stream().filter(d -> impl.equals(d.impl())).mapToDouble(field).toArray());
    }

    int densityActors(String impl) {
        return density.stream().filter(d -> impl.equals(d.impl())).mapToInt(Density::actors).findFirst().orElse(0);
    }

    long densityRuns(String impl) {
        return density.stream().filter(d -> impl.equals(d.impl())).count();
    }

    String table() {
        StringBuilder t = new StringBuilder();
        t.append("| workload | unit | this project | Pekko + LuaJ | bare LuaJ | measured | target | met |\n");
        t.append("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
        double tellP = get("TellBench.project{metrics=off}");
        double tellK = get("TellBench.pekko");
        double bare = get("TellBench.bareLuaj");
        row(t, "1 tell, 2 M msgs, 1 producer", "msg/s", fmt(tellP), fmt(tellK), fmt(bare),
                tellP / tellK, "x Pekko", ">= 3x Pekko", tellP / tellK >= 3);
        row(t, "1 tell vs bare LuaJ call loop", "", "", "", "", tellP / bare, "x bare",
                ">= 0.35x bare", tellP / bare >= 0.35);
        double askP = get("AskBench.projectSequential");
        double askK = get("AskBench.pekkoSequential");
        row(t, "2 ask, sequential round trip (call)", "µs", fmt1(askP), fmt1(askK), "", askP / askK, "x Pekko",
                "<= 0.5x Pekko", askP / askK <= 0.5);
        double askAsync = get("AskBench.projectSequentialAsync");
        row(t, "2 ask, sequential round trip (send().get())", "µs", fmt1(askAsync), fmt1(askK), "", askAsync / askK,
                "x Pekko", "<= 0.5x Pekko ask", askAsync / askK <= 0.5);
        double inP = get("AskBench.projectInFlight64");
        double inK = get("AskBench.pekkoInFlight64");
        row(t, "2 ask, 64 in flight", "req/s", fmt(inP), fmt(inK), "", inP / inK, "x Pekko", "(none)", null);
        double llP = get("LuaToLuaBench.project");
        double llK = get("LuaToLuaBench.pekkoCoroutines");
        row(t, "3 lua-to-lua, 64 in flight (Pekko: coroutines)", "round trips/s", fmt(llP), fmt(llK), "",
                llP / llK, "x Pekko", ">= 30x Pekko", llP / llK >= 30);
        double foP = get("FanOutBench.project");
        double foK = get("FanOutBench.pekko");
        row(t, "4 fan-out, 10,000 actors x 100, 2 producers", "msg/s", fmt(foP), foK > 0 ? fmt(foK) : "", "",
                foP / foK, "x Pekko", "(none)", null);
        double dP = density("project", Density::bytesPerActor);
        double dK = density("pekko", Density::bytesPerActor);
        row(t, "5 density, " + String.format(Locale.ROOT, "%,d", densityActors("project")) + " idle actors (Pekko: "
                + String.format(Locale.ROOT, "%,d", densityActors("pekko")) + ")", "heap bytes/actor",
                fmt0(dP), fmt0(dK), "", dP, "B", "<= 3,891 B (3.8 KB)", dP <= 3891);
        // Issue 18's stretch: a million idle actors in a 2 GB heap.
        row(t, "5 density, stretch target", "heap bytes/actor", "", "", "", dP, "B", "<= 2,048 B (2 KB)",
                dP <= 2048);
        double dsP = density("project", Density::startMillis) * 1000 / densityActors("project");
        double dsK = density("pekko", Density::startMillis) * 1000 / densityActors("pekko");
        row(t, "5 start in the density run (" + String.format(Locale.ROOT, "%,d", densityActors("project"))
                + " / " + String.format(Locale.ROOT, "%,d", densityActors("pekko")) + " actors)", "µs per actor",
                fmt1(dsP), fmt1(dsK), "", dsP / dsK, "x Pekko", "(info)", null);
        double stP = get("StartBench.project");
        double stK = get("StartBench.pekko");
        row(t, "5 start 10,000 actors + 1 reply each", "ms", fmt0(stP), fmt0(stK), "", stP / stK, "x Pekko",
                "<= 0.3x Pekko", stP / stK <= 0.3);
        double mOn = get("TellBench.project{metrics=on}");
        double cost = 1 - mOn / tellP;
        row(t, "6 tell with Micrometer monitor", "msg/s", fmt(mOn), "", "", cost * 100, "% slower",
                "<= 10 %", cost <= 0.10);
        double s1 = get("ScalingBench.project{actors=1}");
        double k1 = get("ScalingBench.pekko{actors=1}");
        double s100 = get("ScalingBench.project{actors=100}");
        double k100 = get("ScalingBench.pekko{actors=100}");
        double s100one = get("ScalingBench.project{actors=100}" + ONE_CORE);
        double k100one = get("ScalingBench.pekko{actors=100}" + ONE_CORE);
        row(t, "7 busy actors: 1 actor, 2 cores", "msg/s", fmt(s1), fmt(k1), "", Double.NaN, "", "", null);
        row(t, "7 busy actors: 100 actors, JVM pinned to 1 core", "msg/s", fmt(s100one), fmt(k100one), "",
                Double.NaN, "", "", null);
        row(t, "7 busy actors: 100 actors, 2 cores", "msg/s", fmt(s100), fmt(k100), "", s100 / s100one,
                "x 1 core (Pekko " + fmt2(k100 / k100one) + "x)", ">= 1.7x 1 core", s100 / s100one >= 1.7);
        realisticRows(t);
        double accountedP = get("AccountingBench.project{memory=default}");
        double unaccountedP = get("AccountingBench.project{memory=off}");
        row(t, "10 memory accounting: window handler, default limit (no limit: " + fmt(unaccountedP) + " msg/s)",
                "msg/s", fmt(accountedP), "", "", (1 - accountedP / unaccountedP) * 100, "% slower", "(info)", null);
        ClusterRows.append(this, t);
        t.append('\n');
        t.append("Medians over forks of each fork's mean (forks: ");
        List<String> counts = new ArrayList<>();
        stats.forEach((k, v) -> counts.add(k + " " + v.forks().length));
        t.append(counts.isEmpty() ? "none" : String.valueOf(stats.values().stream()
                .mapToInt(s -> s.forks().length).max().getAsInt()));
        t.append(" per benchmark; density runs: ").append(densityRuns("project")).append(" + ")
                .append(densityRuns("pekko")).append(").");
        if (!environment.isEmpty()) {
            t.append(" Run: ").append(environment).append('.');
        }
        t.append("\n\n");
        t.append("All JMH results (median of forks, then the per-fork means):\n\n");
        t.append("| benchmark | unit | median | forks |\n| --- | --- | ---: | --- |\n");
        stats.forEach((k, v) -> {
            StringBuilder f = new StringBuilder();
            for (double d : v.forks()) {
                f.append(f.length() == 0 ? "" : ", ").append(fmt(d));
            }
            t.append("| ").append(k).append(" | ").append(v.unit()).append(" | ").append(fmt(v.median()))
                    .append(" | ").append(f).append(" |\n");
        });
        return t.toString();
    }

    /**
     * Workload 8 (issue 18): handlers as users write them, against the Pekko baseline (bare column: the chunk in a
     * loop, interpreted) and against the bare loop compiled by luajc (bare column: compiled).
     */
    private void realisticRows(StringBuilder t) {
        for (String[] h : new String[][] {{"window", "sliding window of 32, mean and max"},
                {"query", "k1=…&k2=… from 8 parts"}, {"fold", "fold with a closure per step"},
                {"json", "decode a JSON event, update ctx.state"}}) {
            double p = get("RealisticBench.project{handler=" + h[0] + "}");
            double k = get("RealisticBench.pekko{handler=" + h[0] + "}");
            double interpreted = get("RealisticBench.bare{handler=" + h[0] + ",mode=interpreted}");
            double compiled = get("RealisticBench.bare{handler=" + h[0] + ",mode=luajc}");
            row(t, "8 " + h[1] + ", 500 k tells (bare: interpreted)", "msg/s", fmt(p), fmt(k), fmt(interpreted),
                    p / k, "x Pekko", ">= 2.5x Pekko", p / k >= 2.5);
            row(t, "8 " + h[1] + " vs bare luajc loop", "msg/s", "", "", fmt(compiled), p / compiled,
                    "x bare luajc", ">= 0.7x bare luajc", p / compiled >= 0.7);
        }
        // The Pekko actor with the json its user writes by hand (Jackson's tree copied into tables): no target of
        // its own, the row above keeps the target against the baseline that borrows the project's decoder.
        double p = get("RealisticBench.project{handler=json}");
        double hand = get("RealisticBench.pekkoHandWrittenJson");
        row(t, "8 decode a JSON event, Pekko with a hand-written Jackson tree bridge", "msg/s", fmt(p), fmt(hand), "",
                p / hand, "x Pekko", "(info)", null);
    }

    static void row(StringBuilder t, String workload, String unit, String p, String k, String b,
            double ratio, String ratioUnit, String target, Boolean met) {
        String measured = Double.isNaN(ratio) ? "" : fmt2(ratio) + " " + ratioUnit;
        String ok = met == null || Double.isNaN(ratio) ? "" : (met ? "yes" : "**no**");
        t.append("| ").append(workload).append(" | ").append(unit).append(" | ").append(p).append(" | ")
                .append(k).append(" | ").append(b).append(" | ").append(measured).append(" | ").append(target)
                .append(" | ").append(ok).append(" |\n");
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String fmt0(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String fmt1(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, v < 1 ? "%.2f" : "%.1f", v);
    }

    static String fmt2(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Throughput vs number of busy actors, this project against the Pekko baseline. */
    void plot(Path png) throws IOException {
        Map<String, TreeMap<Integer, Double>> series = new LinkedHashMap<>();
        series.put("this project", new TreeMap<>());
        series.put("Pekko + LuaJ", new TreeMap<>());
        stats.forEach((k, v) -> {
            if (k.startsWith("ScalingBench.") && !k.endsWith(ONE_CORE)) {
                int n = Integer.parseInt(k.substring(k.indexOf("actors=") + 7, k.indexOf('}')));
                series.get(k.startsWith("ScalingBench.project") ? "this project" : "Pekko + LuaJ").put(n, v.median());
            }
        });
        Plot.draw(png, "Busy actors on " + Runtime.getRuntime().availableProcessors()
                + " cores: messages handled per second (median of forks)", "number of actors (log scale)",
                "messages / s", series);
    }
}
