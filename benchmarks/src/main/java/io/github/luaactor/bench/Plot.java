package io.github.luaactor.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

/** A line chart with a logarithmic x axis, drawn with headless Java2D into a PNG. */
final class Plot {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private Plot() {
    }

    static void draw(Path png, String title, String xLabel, String yLabel,
            Map<String, TreeMap<Integer, Double>> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 900;
        int h = 540;
        int left = 100;
        int right = 30;
        int top = 60;
        int bottom = 70;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);

        int minX = Integer.MAX_VALUE;
        int maxX = 1;
        double maxY = 0;
        for (TreeMap<Integer, Double> s : series.values()) {
            for (Map.Entry<Integer, Double> e : s.entrySet()) {
                minX = Math.min(minX, e.getKey());
                maxX = Math.max(maxX, e.getKey());
                if (!e.getValue().isNaN()) {
                    maxY = Math.max(maxY, e.getValue());
                }
            }
        }
        if (minX == Integer.MAX_VALUE) {
            minX = 1;
        }
        double lx0 = Math.log10(minX);
        double lx1 = Math.max(Math.log10(maxX), lx0 + 1);
        double yTop = niceCeil(maxY <= 0 ? 1 : maxY * 1.1);
        int pw = w - left - right;
        int ph = h - top - bottom;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        // grid and y ticks
        for (int i = 0; i <= 5; i++) {
            double v = yTop * i / 5;
            int y = top + ph - (int) Math.round(ph * v / yTop);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(left, y, left + pw, y);
            g.setColor(Color.DARK_GRAY);
            String label = Report.fmt(v);
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        // x ticks at the measured points and decades
        TreeMap<Integer, Boolean> ticks = new TreeMap<>();
        for (TreeMap<Integer, Double> s : series.values()) {
            s.keySet().forEach(k -> ticks.put(k, true));
        }
        for (int d = 1; d <= maxX; d *= 10) {
            ticks.put(d, true);
        }
        for (int x : ticks.keySet()) {
            int px = xPos(x, lx0, lx1, left, pw);
            g.setColor(new Color(0xf0f0f0));
            g.drawLine(px, top, px, top + ph);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, "%,d", x);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, top + ph + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        g.drawString(xLabel, left + pw / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, h - 25);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -(top + ph / 2) - g.getFontMetrics().stringWidth(yLabel) / 2, 25);
        rotated.dispose();

        int si = 0;
        int legendY = top + 20;
        for (Map.Entry<String, TreeMap<Integer, Double>> s : series.entrySet()) {
            Color c = COLORS[si++ % COLORS.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(2.5f));
            int px0 = -1;
            int py0 = -1;
            for (Map.Entry<Integer, Double> e : s.getValue().entrySet()) {
                if (e.getValue().isNaN()) {
                    continue;
                }
                int px = xPos(e.getKey(), lx0, lx1, left, pw);
                int py = top + ph - (int) Math.round(ph * e.getValue() / yTop);
                if (px0 >= 0) {
                    g.drawLine(px0, py0, px, py);
                }
                g.fillOval(px - 4, py - 4, 8, 8);
                px0 = px;
                py0 = py;
            }
            g.fillRect(left + pw - 170, legendY - 9, 18, 10);
            g.setColor(Color.BLACK);
            g.drawString(s.getKey(), left + pw - 145, legendY);
            legendY += 20;
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }

    private static int xPos(int x, double lx0, double lx1, int left, int pw) {
        return left + (int) Math.round(pw * (Math.log10(x) - lx0) / (lx1 - lx0));
    }

    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
