package com.verk.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

/** The targets against the measured figures, as a Markdown table. */
final class Summary {

  private Summary() {}

  private record Target(
      String text, String scenario, String figure, String unit, DoublePredicate met) {}

  private static final List<Target> TARGETS =
      List.of(
          new Target(
              "fan-out >= 5,000 deliveries/s",
              "2 ",
              "deliveries/s sustained (10-90%)",
              "deliveries/s",
              v -> v >= 5_000),
          new Target("p99 < 50 ms at 500 events/s", "3 latency at 500", "p99", "ms", v -> v < 50),
          new Target(
              "dead endpoint costs the healthy one < 10%",
              "4 ", "healthy throughput vs scenario 1", "%", v -> v > -10),
          new Target(
              "backlog drain >= 5,000 deliveries/s",
              "5 ",
              "drain rate (all / drain time)",
              "deliveries/s",
              v -> v >= 5_000),
          new Target(
              "noisy neighbour: B's p99 < 50 ms beside A's slow backlog",
              "7 ",
              "B with A: p99",
              "ms",
              v -> v < 50),
          new Target(
              "server heap < 512 MiB (peak over all scenarios)",
              "",
              "server peak heap used (-Xmx512m)",
              "MiB",
              v -> v < 512));

  static String targets(List<Report> reports) {
    StringBuilder out = new StringBuilder();
    out.append("| target | SQLite | met | PostgreSQL | met |\n|---|---|---|---|---|\n");
    for (Target t : TARGETS) {
      out.append("| ").append(t.text());
      for (String db : List.of("sqlite", "postgres")) {
        double v = value(reports, db, t);
        if (Double.isNaN(v)) {
          out.append(" | not run | ");
        } else {
          out.append(
              String.format(
                  Locale.ROOT,
                  " | %s %s | %s",
                  Report.format(v),
                  t.unit(),
                  t.met().test(v) ? "yes" : "**no**"));
        }
      }
      out.append(" |\n");
    }
    return out.toString();
  }

  private static double value(List<Report> reports, String db, Target t) {
    double best = Double.NaN;
    for (Report r : reports) {
      if (r.db.equals(db) && r.scenario.startsWith(t.scenario())) {
        double v = r.get(t.figure());
        if (!Double.isNaN(v)) {
          best = Double.isNaN(best) ? v : Math.max(best, v);
        }
      }
    }
    return best;
  }
}
