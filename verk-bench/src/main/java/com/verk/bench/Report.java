package com.verk.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one scenario on one database, in the order they were measured. */
final class Report {

  final String db;
  final String scenario;
  final Map<String, Double> values = new LinkedHashMap<>();
  final Map<String, String> units = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();
  final List<Point> points = new ArrayList<>();

  /** Markdown tables (one row per step) written after the raw figures. */
  final List<String> tables = new ArrayList<>();

  /**
   * One point of a "cost as the work grows" chart: {@code y} of {@code metric} at {@code x} of
   * {@code axis} (e.g. axis "webhooks", x 1000, metric "deliveries/s"), drawn as the series {@code
   * db}.
   */
  record Point(String db, String axis, double x, String metric, double y) {}

  Report point(String axis, double x, String metric, double y) {
    points.add(new Point(db, axis, x, metric, y));
    return this;
  }

  Report(String db, String scenario) {
    this.db = db;
    this.scenario = scenario;
  }

  Report put(String name, double value, String unit) {
    values.put(name, value);
    units.put(name, unit);
    return this;
  }

  Report note(String text) {
    notes.add(text);
    return this;
  }

  double get(String name) {
    return values.getOrDefault(name, Double.NaN);
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Math.abs(v) >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append("[").append(db).append("] ").append(scenario).append('\n');
    values.forEach(
        (k, v) ->
            out.append(
                String.format(Locale.ROOT, "    %-44s %14s %s%n", k, format(v), units.get(k))));
    notes.forEach(n -> out.append("    note: ").append(n).append('\n'));
    return out.toString();
  }
}
