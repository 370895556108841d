package io.github.luaactor.bench;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A line chart with a logarithmic x axis, drawn headless with XChart into a PNG. */
final class Plot {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private Plot() {
    }

    static void draw(Path png, String title, String xLabel, String yLabel,
            Map<String, TreeMap<Integer, Double>> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(540).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Styler styler = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(true)
                .setXAxisLogarithmicDecadeOnly(true)
                .setYAxisMin(0.0)
                .setXAxisTickLabelsFormattingFunction(x -> String.format(Locale.ROOT, "%,d", Math.round(x)))
                .setYAxisTickLabelsFormattingFunction(Report::fmt)
                .setPlotGridLinesColor(new Color(0xe0e0e0));
        styler.setChartBackgroundColor(Color.WHITE).setPlotBorderVisible(true)
                .setLegendPosition(Styler.LegendPosition.InsideNW);
        int i = 0;
        for (Map.Entry<String, TreeMap<Integer, Double>> s : series.entrySet()) {
            // A point not measured (NaN) is left out rather than drawn at zero.
            List<Map.Entry<Integer, Double>> points = s.getValue().entrySet().stream()
                    .filter(e -> !e.getValue().isNaN()).toList();
            if (points.isEmpty()) {
                continue;
            }
            XYSeries line = chart.addSeries(s.getKey(),
                    points.stream().mapToDouble(Map.Entry::getKey).toArray(),
                    points.stream().mapToDouble(Map.Entry::getValue).toArray());
            Color color = COLORS[i++ % COLORS.length];
            line.setLineColor(color);
            line.setMarkerColor(color);
            line.setMarker(SeriesMarkers.CIRCLE);
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, file, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
