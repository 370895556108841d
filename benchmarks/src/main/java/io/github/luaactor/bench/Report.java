package io.github.luaactor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JMH's JSON results (and the density probe's) into the table of {@code docs/performance.md}, with the
 * median over forks of each fork's mean, the ratios and the targets, and draws the scaling plot.
 *
 * <pre>java -cp ... io.github.luaactor.bench.Report benchmarks/target/bench [docs]</pre>
 */
public final class Report {
    /** A benchmark's result: the median over forks of the per-fork mean, with the per-fork means. */
    record Stat(double median, double[] forks, String unit) {
    }

    private final Map<String, Stat> stats = new LinkedHashMap<>();
    private final List<Map<String, Object>> density = new ArrayList<>();
    private String environment = "";

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Path docs = args.length > 1 ? Path.of(args[1]) : null;
        Report report = Report.load(out);
        String table = report.table();
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("table.md"), table);
        if (docs != null && Files.isDirectory(docs)) {
            Path png = docs.resolve("performance-scaling.png");
            report.plot(png);
            System.out.println("Plot written to " + png.toAbsolutePath().normalize());
        }
    }

    static Report load(Path out) throws IOException {
        Report r = new Report();
        Path jmh = out.resolve("jmh-result.json");
        if (Files.exists(jmh)) {
            for (Object o : (List<?>) Json.parse(Files.readString(jmh))) {
                r.addJmh(cast(o), "");
            }
        }
        Path oneCore = out.resolve("jmh-one-core.json");
        if (Files.exists(oneCore)) {
            for (Object o : (List<?>) Json.parse(Files.readString(oneCore))) {
                r.addJmh(cast(o), ONE_CORE);
            }
        }
        Path env = out.resolve("environment.txt");
        if (Files.exists(env)) {
            r.environment = String.join(", ", Files.readAllLines(env));
        }
        Path dens = out.resolve("density.json");
        if (Files.exists(dens)) {
            for (Object o : (List<?>) Json.parse(Files.readString(dens))) {
                r.density.add(cast(o));
            }
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    /** Suffix of the results measured in a JVM pinned to one CPU. */
    static final String ONE_CORE = " [1 core]";

    private void addJmh(Map<String, Object> run, String suffix) {
        String benchmark = (String) run.get("benchmark");
        String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        Object params = run.get("params");
        if (params instanceof Map<?, ?> p && !p.isEmpty()) {
            StringBuilder b = new StringBuilder(name).append('{');
            new TreeMap<>(p).forEach((k, v) -> b.append(k).append('=').append(v).append(','));
            b.setLength(b.length() - 1);
            name = b.append('}').toString();
        }
        Map<String, Object> primary = cast(run.get("primaryMetric"));
        List<?> raw = (List<?>) primary.get("rawData");
        double[] forkMeans = new double[raw.size()];
        for (int f = 0; f < raw.size(); f++) {
            List<?> iterations = (List<?>) raw.get(f);
            double sum = 0;
            for (Object v : iterations) {
                sum += (Double) v;
            }
            forkMeans[f] = sum / iterations.size();
        }
        stats.put(name + suffix, new Stat(median(forkMeans), forkMeans, (String) primary.get("scoreUnit")));
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

    double density(String impl, String field) {
        return median(density.stream().filter(d -> impl.equals(d.get("impl")))
                .mapToDouble(d -> ((Number) d.get(field)).doubleValue()).toArray());
    }

    int densityActors(String impl) {
        return density.stream().filter(d -> impl.equals(d.get("impl")))
                .mapToInt(d -> ((Number) d.get("actors")).intValue()).findFirst().orElse(0);
    }

    long densityRuns(String impl) {
        return density.stream().filter(d -> impl.equals(d.get("impl"))).count();
    }

    String table() {
        StringBuilder t = new StringBuilder();
        t.append("| workload | unit | this project | Pekko + LuaJ | bare LuaJ | measured | target | met |\n");
        t.append("| --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
        double tellP = get("TellBench.project{metrics=off}");
        double tellK = get("TellBench.pekko");
        double bare = get("TellBench.bareLuaj");
        row(t, "1 tell, 2 M msgs, 1 producer", "msg/s", fmt(tellP), fmt(tellK), fmt(bare),
                tellP / tellK, "x Pekko", ">= 1.5x Pekko", tellP / tellK >= 1.5);
        row(t, "1 tell vs bare LuaJ call loop", "", "", "", "", tellP / bare, "x bare",
                ">= 0.35x bare", tellP / bare >= 0.35);
        double askP = get("AskBench.projectSequential");
        double askK = get("AskBench.pekkoSequential");
        row(t, "2 ask, sequential round trip (call)", "µs", fmt1(askP), fmt1(askK), "", askP / askK, "x Pekko",
                "<= 0.5x Pekko", askP / askK <= 0.5);
        double askAsync = get("AskBench.projectSequentialAsync");
        row(t, "2 ask, sequential round trip (send().get())", "µs", fmt1(askAsync), fmt1(askK), "", askAsync / askK,
                "x Pekko", "(info)", null);
        double inP = get("AskBench.projectInFlight64");
        double inK = get("AskBench.pekkoInFlight64");
        row(t, "2 ask, 64 in flight", "req/s", fmt(inP), fmt(inK), "", inP / inK, "x Pekko", "(none)", null);
        double llP = get("LuaToLuaBench.project");
        double llK = get("LuaToLuaBench.pekkoCoroutines");
        row(t, "3 lua-to-lua, 64 in flight (Pekko: coroutines)", "round trips/s", fmt(llP), fmt(llK), "",
                llP / llK, "x Pekko", ">= 20x Pekko", llP / llK >= 20);
        double foP = get("FanOutBench.project");
        double foK = get("FanOutBench.pekko");
        row(t, "4 fan-out, 10,000 actors x 100, 2 producers", "msg/s", fmt(foP), foK > 0 ? fmt(foK) : "", "",
                foP / foK, "x Pekko", "(none)", null);
        double dP = density("project", "bytesPerActor");
        double dK = density("pekko", "bytesPerActor");
        row(t, "5 density, " + String.format(Locale.ROOT, "%,d", densityActors("project")) + " idle actors (Pekko: "
                + String.format(Locale.ROOT, "%,d", densityActors("pekko")) + ")", "heap bytes/actor",
                fmt0(dP), fmt0(dK), "", dP, "B", "<= 4,096 B", dP <= 4096);
        double dsP = density("project", "startMillis") * 1000 / densityActors("project");
        double dsK = density("pekko", "startMillis") * 1000 / densityActors("pekko");
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

    private static void row(StringBuilder t, String workload, String unit, String p, String k, String b,
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
