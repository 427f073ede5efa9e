package io.krylovforge.bench.harness;

import io.krylovforge.core.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small PNG line chart (Java2D, headless): several named series over a shared x axis, linear
 * or log y. Enough for convergence histories and cumulative-cost curves without a plotting
 * dependency.
 */
public final class LinePlot {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private record Series(String name, double[] x, double[] y) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final List<Series> series = new ArrayList<>();

    public LinePlot(String title, String xLabel, String yLabel, boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    public LinePlot add(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": x and y lengths differ");
        }
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    private double ty(double v) {
        return logY ? Math.log10(Math.max(v, 1e-300)) : v;
    }

    /** Renders to a PNG file (written atomically). */
    public void write(Path file, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.y[i]) || logY && s.y[i] <= 0) {
                    continue;
                }
                xmin = Math.min(xmin, s.x[i]);
                xmax = Math.max(xmax, s.x[i]);
                ymin = Math.min(ymin, ty(s.y[i]));
                ymax = Math.max(ymax, ty(s.y[i]));
            }
        }
        if (!(xmax > xmin)) {
            xmax = xmin + 1;
        }
        if (!(ymax > ymin)) {
            ymax = ymin + 1;
        }
        int left = 80;
        int right = width - 20;
        int top = 40;
        int bottom = height - 60;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(left, top, right - left, bottom - top);
        for (int t = 0; t <= 4; t++) {
            double fx = xmin + (xmax - xmin) * t / 4;
            int px = left + (right - left) * t / 4;
            g.drawString(String.format(Locale.ROOT, "%.4g", fx), px - 15, bottom + 15);
            double fy = ymin + (ymax - ymin) * t / 4;
            int py = bottom - (bottom - top) * t / 4;
            String label = logY ? String.format(Locale.ROOT, "1e%.1f", fy) : String.format(Locale.ROOT, "%.4g", fy);
            g.drawString(label, 5, py + 4);
            g.setColor(new Color(0xdddddd));
            g.drawLine(left + 1, py, right - 1, py);
            g.setColor(Color.BLACK);
        }
        g.drawString(xLabel, (left + right) / 2 - 30, height - 30);
        g.drawString(yLabel, 5, top - 8);
        g.setStroke(new BasicStroke(1.8f));
        int legendY = top + 15;
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            g.setColor(PALETTE[k % PALETTE.length]);
            int prevX = Integer.MIN_VALUE;
            int prevY = 0;
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.y[i]) || logY && s.y[i] <= 0) {
                    prevX = Integer.MIN_VALUE;
                    continue;
                }
                int px = left + (int) Math.round((s.x[i] - xmin) / (xmax - xmin) * (right - left));
                int py = bottom - (int) Math.round((ty(s.y[i]) - ymin) / (ymax - ymin) * (bottom - top));
                if (prevX != Integer.MIN_VALUE) {
                    g.drawLine(prevX, prevY, px, py);
                }
                prevX = px;
                prevY = py;
            }
            g.fillRect(left + 10, legendY - 9, 12, 10);
            g.setColor(Color.BLACK);
            g.drawString(s.name, left + 28, legendY);
            legendY += 16;
        }
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }
}
