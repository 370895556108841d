package io.github.luaactor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files a run leaves in its result directory, read back for {@link Report}: JMH's JSON results
 * ({@code jmh-result.json}, {@code jmh-one-core.json}), {@code density.json} and {@code environment.txt}. Used to
 * re-draw the table and plot without measuring, and by {@link BenchMain} for the parts a run skipped.
 */
final class ResultFiles {
    static final String JMH = "jmh-result.json";
    static final String JMH_ONE_CORE = "jmh-one-core.json";
    static final String DENSITY = "density.json";
    static final String ENVIRONMENT = "environment.txt";

    private final Path out;

    ResultFiles(Path out) {
        this.out = out;
    }

    void readJmh(Report report) throws IOException {
        readJmh(report, JMH, "");
        readJmhOneCore(report);
    }

    void readJmhOneCore(Report report) throws IOException {
        readJmh(report, JMH_ONE_CORE, Report.ONE_CORE);
    }

    /** JMH's JSON format: per benchmark, {@code primaryMetric.rawData} holds each fork's iteration scores. */
    private void readJmh(Report report, String file, String suffix) throws IOException {
        Path path = out.resolve(file);
        if (!Files.exists(path)) {
            return;
        }
        for (JsonNode run : JsonMapper.shared().readTree(path.toFile())) {
            Map<String, String> params = new LinkedHashMap<>();
            run.path("params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asString()));
            JsonNode primary = run.path("primaryMetric");
            List<double[]> forks = new ArrayList<>();
            for (JsonNode fork : primary.path("rawData")) {
                double[] scores = new double[fork.size()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = fork.get(i).asDouble();
                }
                forks.add(scores);
            }
            report.addJmh(run.path("benchmark").asString(), params, forks, primary.path("scoreUnit").asString(),
                    suffix);
        }
    }

    void readDensity(Report report) throws IOException {
        Path path = out.resolve(DENSITY);
        if (Files.exists(path)) {
            for (JsonNode run : JsonMapper.shared().readTree(path.toFile())) {
                report.addDensity(JsonMapper.shared().treeToValue(run, Density.class));
            }
        }
    }

    void readEnvironment(Report report) throws IOException {
        Path path = out.resolve(ENVIRONMENT);
        if (Files.exists(path)) {
            report.environment(String.join(", ", Files.readAllLines(path)));
        }
    }
}
