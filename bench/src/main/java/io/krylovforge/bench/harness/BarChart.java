package io.krylovforge.bench.harness;

import io.krylovforge.core.io.AtomicFiles;
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
 * A grouped bar chart as PNG (Java2D, headless): one group per category (a benchmark case), one
 * bar per series (an implementation). Missing values (NaN) leave a gap.
 */
public final class BarChart {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    private final String title;
    private final String yLabel;
    private final List<String> categories;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    public BarChart(String title, String yLabel, List<String> categories) {
        this.title = title;
        this.yLabel = yLabel;
        this.categories = List.copyOf(categories);
    }

    /** Adds a series with one value per category (NaN where it has none). */
    public BarChart add(String name, double[] perCategory) {
        if (perCategory.length != categories.size()) {
            throw new IllegalArgumentException("series " + name + " has " + perCategory.length + " values for "
                    + categories.size() + " categories");
        }
        names.add(name);
        values.add(perCategory.clone());
        return this;
    }

    public void write(Path file, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double max = 0.0;
        for (double[] v : values) {
            for (double x : v) {
                if (Double.isFinite(x)) {
                    max = Math.max(max, x);
                }
            }
        }
        if (!(max > 0)) {
            max = 1.0;
        }
        int left = 70;
        int right = width - 20;
        int top = 40;
        int bottom = height - 90;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        for (int t = 0; t <= 4; t++) {
            int py = bottom - (bottom - top) * t / 4;
            g.drawString(String.format(Locale.ROOT, "%.3g", max * t / 4), 5, py + 4);
        }
        g.drawString(yLabel, 5, top - 8);
        int groups = categories.size();
        int groupWidth = (right - left) / Math.max(1, groups);
        int barWidth = Math.max(2, (groupWidth - 10) / Math.max(1, values.size()));
        for (int c = 0; c < groups; c++) {
            int gx = left + c * groupWidth + 5;
            for (int s = 0; s < values.size(); s++) {
                double v = values.get(s)[c];
                if (!Double.isFinite(v)) {
                    continue;
                }
                int h = (int) Math.round(v / max * (bottom - top));
                g.setColor(PALETTE[s % PALETTE.length]);
                g.fillRect(gx + s * barWidth, bottom - h, barWidth - 1, h);
            }
            g.setColor(Color.BLACK);
            String label = categories.get(c);
            g.drawString(label.length() > 22 ? label.substring(0, 22) : label, gx, bottom + 14 + (c % 2) * 13);
        }
        int lx = left + 10;
        for (int s = 0; s < names.size(); s++) {
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(lx, height - 40, 12, 10);
            g.setColor(Color.BLACK);
            g.drawString(names.get(s), lx + 16, height - 31);
            lx += 20 + g.getFontMetrics().stringWidth(names.get(s)) + 20;
        }
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }
}
