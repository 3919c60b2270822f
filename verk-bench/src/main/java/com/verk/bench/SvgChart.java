package com.verk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Line charts as plain SVG (no library: a few axes, polylines and labels), one per axis and metric
 * of the "cost as the work grows" scenarios, with a series per database. Also reads and writes the
 * points as CSV, so that charts of separate runs (SQLite in one, PostgreSQL in another) can be
 * drawn together with {@code --charts-from}.
 */
final class SvgChart {

  private SvgChart() {}

  private static final int WIDTH = 640;
  private static final int HEIGHT = 380;
  private static final int LEFT = 70;
  private static final int RIGHT = 130;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final Map<String, String> COLOURS =
      Map.of("sqlite", "#1f77b4", "postgres", "#d62728");

  /** One chart's series: name to points (x, y), x ascending. */
  static String render(String title, String xLabel, String yLabel, Map<String, List<double[]>> s) {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = 0;
    for (List<double[]> points : s.values()) {
      for (double[] p : points) {
        minX = Math.min(minX, p[0]);
        maxX = Math.max(maxX, p[0]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    boolean logX = minX > 0 && maxX / minX >= 20;
    if (minX == Double.MAX_VALUE) {
      minX = 0;
      maxX = 1;
    }
    double yTop = niceCeiling(maxY);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    double x0 = logX ? Math.floor(Math.log10(minX)) : Math.min(0, minX);
    double x1 = logX ? Math.ceil(Math.log10(maxX)) : maxX;
    if (x1 <= x0) {
      x1 = x0 + 1;
    }
    final double fx0 = x0;
    final double fx1 = x1;
    java.util.function.DoubleUnaryOperator sx =
        v -> LEFT + plotW * ((logX ? Math.log10(v) : v) - fx0) / (fx1 - fx0);
    java.util.function.DoubleUnaryOperator sy = v -> TOP + plotH * (1 - v / yTop);

    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT));
    out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    out.append(
        text(WIDTH / 2.0, 22, "middle", 14, title)
            + text(LEFT + plotW / 2.0, HEIGHT - 10, "middle", 12, xLabel + (logX ? " (log)" : "")));
    out.append(
        String.format(
            Locale.ROOT,
            "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s"
                + "</text>%n",
            TOP + plotH / 2.0,
            TOP + plotH / 2.0,
            escape(yLabel)));
    // y grid and ticks
    for (int i = 0; i <= 5; i++) {
      double v = yTop * i / 5;
      double y = sy.applyAsDouble(v);
      out.append(line(LEFT, y, LEFT + plotW, y, "#e5e5e5"));
      out.append(text(LEFT - 6, y + 4, "end", 11, Report.format(v)));
    }
    // x ticks
    List<Double> ticks = new ArrayList<>();
    if (logX) {
      for (double e = x0; e <= x1; e++) {
        ticks.add(Math.pow(10, e));
      }
    } else {
      for (int i = 0; i <= 5; i++) {
        ticks.add(x0 + (x1 - x0) * i / 5);
      }
    }
    for (double t : ticks) {
      double x = sx.applyAsDouble(t);
      out.append(line(x, TOP, x, TOP + plotH, "#f0f0f0"));
      out.append(text(x, TOP + plotH + 16, "middle", 11, Report.format(t)));
    }
    out.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#333"));
    out.append(line(LEFT, TOP, LEFT, TOP + plotH, "#333"));
    int legend = 0;
    for (Map.Entry<String, List<double[]>> e : s.entrySet()) {
      String colour = COLOURS.getOrDefault(e.getKey(), legend == 0 ? "#2ca02c" : "#9467bd");
      StringBuilder pts = new StringBuilder();
      for (double[] p : e.getValue()) {
        double x = sx.applyAsDouble(p[0]);
        double y = sy.applyAsDouble(p[1]);
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        out.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s: %s at %s"
                    + "</title></circle>%n",
                x,
                y,
                colour,
                escape(e.getKey()),
                Report.format(p[1]),
                Report.format(p[0])));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
              pts.toString().trim(),
              colour));
      double ly = TOP + 10 + legend * 18;
      out.append(line(WIDTH - RIGHT + 12, ly, WIDTH - RIGHT + 32, ly, colour));
      out.append(text(WIDTH - RIGHT + 38, ly + 4, "start", 12, e.getKey()));
      legend++;
    }
    out.append("</svg>\n");
    return out.toString();
  }

  /** Writes one SVG per (axis, metric) found in {@code points}; returns the files written. */
  static List<Path> writeAll(List<Report.Point> points, Path dir) {
    Map<String, Map<String, List<double[]>>> charts = new TreeMap<>();
    for (Report.Point p : points) {
      if (Double.isNaN(p.y()) || Double.isNaN(p.x())) {
        continue;
      }
      charts
          .computeIfAbsent(p.axis() + "\u0000" + p.metric(), k -> new LinkedHashMap<>())
          .computeIfAbsent(p.db(), k -> new ArrayList<>())
          .add(new double[] {p.x(), p.y()});
    }
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, Map<String, List<double[]>>> c : charts.entrySet()) {
        String[] parts = c.getKey().split("\u0000");
        c.getValue().values().forEach(l -> l.sort(Comparator.comparingDouble(p -> p[0])));
        String svg = render(parts[1] + " vs " + parts[0], parts[0], parts[1], c.getValue());
        Path file = dir.resolve(slug(parts[0]) + "--" + slug(parts[1]) + ".svg");
        Files.writeString(file, svg, StandardCharsets.UTF_8);
        written.add(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return written;
  }

  static String toCsv(List<Report.Point> points) {
    StringBuilder out = new StringBuilder("db,axis,x,metric,y\n");
    for (Report.Point p : points) {
      out.append(
          String.format(
              Locale.ROOT,
              "%s,%s,%s,%s,%s%n",
              p.db(),
              p.axis().replace(',', ';'),
              Double.toString(p.x()),
              p.metric().replace(',', ';'),
              Double.toString(p.y())));
    }
    return out.toString();
  }

  static List<Report.Point> fromCsv(String csv) {
    List<Report.Point> out = new ArrayList<>();
    for (String line : csv.split("\n")) {
      String[] f = line.trim().split(",");
      if (f.length != 5 || f[0].equals("db")) {
        continue;
      }
      out.add(
          new Report.Point(f[0], f[1], Double.parseDouble(f[2]), f[3], Double.parseDouble(f[4])));
    }
    return out;
  }

  static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  private static double niceCeiling(double v) {
    if (v <= 0 || Double.isNaN(v)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
        x1,
        y1,
        x2,
        y2,
        colour);
  }

  private static String text(double x, double y, String anchor, int size, String s) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
        x,
        y,
        anchor,
        size,
        escape(s));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
