package com.verk.server.dashboard;

import com.verk.server.dashboard.DeliveryCharts.Latency;
import com.verk.server.dashboard.DeliveryCharts.LatencyChart;
import com.verk.server.dashboard.DeliveryCharts.OutcomeChart;
import com.verk.server.dashboard.DeliveryCharts.Outcomes;
import com.verk.server.dashboard.DeliveryCharts.Rate;
import com.verk.server.dashboard.DeliveryCharts.Trend;
import com.verk.server.dashboard.DeliveryCharts.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Draws the dashboard's charts as inline SVG, on the server: records in, markup out, every text
 * escaped. No script and no inline style, so the charts work under the dashboard's CSP (colours
 * come from classes in {@code charts.css}). Each chart is a {@code role="img"} with a title and a
 * description that carry its numbers; the pages add a table of every bucket beside it. Templates
 * call it as {@code @chartSvg}.
 */
@Component("chartSvg")
public class ChartSvg {

  /** One row of a webhook's charts as the page shows it: both charts of one span, drawn. */
  public record Row(
      String key,
      String heading,
      OutcomeChart outcomes,
      String outcomesSvg,
      LatencyChart latency,
      String latencySvg) {}

  /** One webhook's trend in the list, drawn; {@code empty} when it had no attempts. */
  public record TrendCell(String svg, boolean empty) {}

  /** The rows of a webhook's page: the last 24 hours, then the last 7 days. */
  public List<Row> rows(DeliveryCharts.WebhookCharts charts) {
    return List.of(
        new Row(
            "day",
            "Last 24 hours, per hour",
            charts.dayOutcomes(),
            outcomes(charts.dayOutcomes(), "chart-outcomes-day"),
            charts.dayLatency(),
            latency(charts.dayLatency(), "chart-latency-day")),
        new Row(
            "week",
            "Last 7 days, per 6 hours",
            charts.weekOutcomes(),
            outcomes(charts.weekOutcomes(), "chart-outcomes-week"),
            charts.weekLatency(),
            latency(charts.weekLatency(), "chart-latency-week")));
  }

  /** The list's cell for one webhook. */
  public TrendCell cell(String webhookId, Trend trend) {
    return new TrendCell(trend(trend, "trend-" + webhookId), trend.attempts() == 0);
  }

  static final int WIDTH = 480;
  static final int HEIGHT = 190;
  static final int LEFT = 66;
  static final int RIGHT = 12;
  static final int TOP = 12;
  static final int BOTTOM = 28;
  static final int PLOT_W = WIDTH - LEFT - RIGHT;
  static final int PLOT_H = HEIGHT - TOP - BOTTOM;

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_HOUR =
      DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /** The label of a bucket in tables and tooltips, e.g. {@code 13:00} or {@code 28 Nov 06:00}. */
  public String bucket(Window window, long start) {
    Instant at = Instant.ofEpochMilli(start);
    if (window.step() >= DeliveryCharts.DAY.toMillis()) {
      return DAY.format(at);
    }
    return window.to() - window.from() <= DeliveryCharts.DAY.toMillis()
        ? HOUR.format(at)
        : DAY_HOUR.format(at);
  }

  /** Deliveries per bucket as stacked bars: succeeded, failed, pending, skipped from the bottom. */
  public String outcomes(OutcomeChart chart, String id) {
    Window w = chart.window();
    long max = niceMax(chart.buckets().stream().mapToLong(Outcomes::total).max().orElse(0));
    String title = "Deliveries per " + per(w) + ", last " + w.label() + " (UTC)";
    String desc =
        chart.total() == 0
            ? "No deliveries in the last " + w.label() + "."
            : plural(chart.total(), "delivery", "deliveries")
                + ": "
                + chart.succeeded()
                + " succeeded, "
                + chart.failed()
                + " failed, "
                + chart.pending()
                + " pending or retrying, "
                + chart.skipped()
                + " skipped.";
    StringBuilder svg = open(id, title, desc, "chart chart-bars");
    axes(svg, w, max, v -> Long.toString(v));
    double slot = (double) PLOT_W / w.buckets();
    for (int b = 0; b < w.buckets(); b++) {
      Outcomes o = chart.buckets().get(b);
      double x = LEFT + b * slot + slot * 0.15;
      double width = slot * 0.7;
      double base = TOP + PLOT_H;
      String when = bucket(w, o.start());
      long[] values = {o.succeeded(), o.failed(), o.pending(), o.skipped()};
      String[] names = {"succeeded", "failed", "pending", "skipped"};
      for (int s = 0; s < values.length; s++) {
        if (values[s] == 0) {
          continue;
        }
        double height = values[s] * (double) PLOT_H / max;
        base -= height;
        svg.append("<rect class=\"seg seg-")
            .append(names[s])
            .append("\" data-bucket=\"")
            .append(b)
            .append("\" data-count=\"")
            .append(values[s])
            .append("\" x=\"")
            .append(num(x))
            .append("\" y=\"")
            .append(num(base))
            .append("\" width=\"")
            .append(num(width))
            .append("\" height=\"")
            .append(num(height))
            .append("\"><title>")
            .append(esc(when + " UTC: " + values[s] + " " + names[s]))
            .append("</title></rect>");
      }
    }
    return svg.append("</svg>").toString();
  }

  /** p50 and p95 response time per bucket as two lines; buckets without attempts leave a gap. */
  public String latency(LatencyChart chart, String id) {
    Window w = chart.window();
    long max =
        niceMax(
            chart.buckets().stream()
                .map(Latency::p95)
                .filter(v -> v != null)
                .mapToLong(Long::longValue)
                .max()
                .orElse(0));
    String title = "Response time p50 and p95 per " + per(w) + ", last " + w.label() + " (UTC)";
    String desc;
    if (chart.attempts() == 0) {
      desc = "No attempts with a response time in the last " + w.label() + ".";
    } else {
      long worst =
          chart.buckets().stream()
              .map(Latency::p95)
              .filter(v -> v != null)
              .mapToLong(Long::longValue)
              .max()
              .orElse(0);
      desc =
          plural(chart.attempts(), "attempt", "attempts")
              + " with a response time; the highest p95 of any "
              + per(w)
              + " is "
              + worst
              + " ms.";
    }
    StringBuilder svg = open(id, title, desc, "chart chart-lines");
    axes(svg, w, max, v -> v + " ms");
    series(svg, w, chart.buckets(), Latency::p50, max, "p50");
    series(svg, w, chart.buckets(), Latency::p95, max, "p95");
    return svg.append("</svg>").toString();
  }

  /** A small line of the daily success rate, 0 to 100 %; days without attempts leave a gap. */
  public String trend(Trend trend, String id) {
    Window w = trend.window();
    int width = 112;
    int height = 28;
    StringBuilder text = new StringBuilder("Success rate per day, last ").append(w.label());
    text.append(": ");
    List<String> days = new ArrayList<>();
    for (Rate r : trend.points()) {
      days.add(
          bucket(w, r.start())
              + (r.attempts() == 0
                  ? " no attempts"
                  : " " + r.percent() + "% (" + r.succeeded() + " of " + r.attempts() + ")"));
    }
    text.append(String.join(", ", days)).append('.');
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" id=\"")
        .append(esc(id))
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(esc(id))
        .append("-title\" focusable=\"false\"><title id=\"")
        .append(esc(id))
        .append("-title\">")
        .append(esc(text.toString()))
        .append("</title>");
    svg.append("<line class=\"spark-base\" x1=\"2\" y1=\"26\" x2=\"110\" y2=\"26\"/>");
    double slot = (width - 4.0) / Math.max(1, w.buckets() - 1);
    List<String> run = new ArrayList<>();
    StringBuilder dots = new StringBuilder();
    for (int b = 0; b < trend.points().size(); b++) {
      Rate r = trend.points().get(b);
      if (r.attempts() == 0) {
        flush(svg, run, "spark-line");
        continue;
      }
      double x = 2 + b * slot;
      double y = 26 - r.percent() * 24.0 / 100;
      run.add(num(x) + "," + num(y));
      dots.append("<circle class=\"spark-dot")
          .append(r.percent() < 100 ? " spark-dot-low" : "")
          .append("\" data-percent=\"")
          .append(r.percent())
          .append("\" cx=\"")
          .append(num(x))
          .append("\" cy=\"")
          .append(num(y))
          .append("\" r=\"2\"/>");
    }
    flush(svg, run, "spark-line");
    return svg.append(dots).append("</svg>").toString();
  }

  private void series(
      StringBuilder svg,
      Window w,
      List<Latency> buckets,
      Function<Latency, Long> value,
      long max,
      String name) {
    double slot = (double) PLOT_W / w.buckets();
    List<String> run = new ArrayList<>();
    StringBuilder dots = new StringBuilder();
    for (int b = 0; b < buckets.size(); b++) {
      Long v = value.apply(buckets.get(b));
      if (v == null) {
        flush(svg, run, "line line-" + name);
        continue;
      }
      double x = LEFT + b * slot + slot / 2;
      double y = TOP + PLOT_H - v * (double) PLOT_H / max;
      run.add(num(x) + "," + num(y));
      dots.append("<circle class=\"dot dot-")
          .append(name)
          .append("\" data-bucket=\"")
          .append(b)
          .append("\" data-ms=\"")
          .append(v)
          .append("\" cx=\"")
          .append(num(x))
          .append("\" cy=\"")
          .append(num(y))
          .append("\" r=\"3\"><title>")
          .append(esc(bucket(w, buckets.get(b).start()) + " UTC: " + name + " " + v + " ms"))
          .append("</title></circle>");
    }
    flush(svg, run, "line line-" + name);
    svg.append(dots);
  }

  private static void flush(StringBuilder svg, List<String> run, String cssClass) {
    if (run.size() > 1) {
      svg.append("<polyline class=\"")
          .append(cssClass)
          .append("\" points=\"")
          .append(String.join(" ", run))
          .append("\"/>");
    }
    run.clear();
  }

  private StringBuilder open(String id, String title, String desc, String cssClass) {
    String safe = esc(id);
    return new StringBuilder()
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"")
        .append(cssClass)
        .append("\" id=\"")
        .append(safe)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-labelledby=\"")
        .append(safe)
        .append("-title ")
        .append(safe)
        .append("-desc\" focusable=\"false\"><title id=\"")
        .append(safe)
        .append("-title\">")
        .append(esc(title))
        .append("</title><desc id=\"")
        .append(safe)
        .append("-desc\">")
        .append(esc(desc))
        .append("</desc>");
  }

  /** Horizontal grid lines at 0, half and the top with their values; time labels below. */
  private void axes(StringBuilder svg, Window w, long max, Function<Long, String> label) {
    long[] ticks = max % 2 == 0 ? new long[] {0, max / 2, max} : new long[] {0, max};
    for (long tick : ticks) {
      double y = TOP + PLOT_H - tick * (double) PLOT_H / max;
      svg.append("<line class=\"grid\" x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(num(y))
          .append("\" y2=\"")
          .append(num(y))
          .append("\"/><text class=\"axis\" text-anchor=\"end\" x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(num(y + 4))
          .append("\">")
          .append(esc(label.apply(tick)))
          .append("</text>");
    }
    // Time labels at round times: every 6 hours (00:00, 06:00, …) on a day, every midnight on a
    // week.
    boolean day = w.to() - w.from() <= DeliveryCharts.DAY.toMillis();
    long mark = day ? Duration.ofHours(6).toMillis() : DeliveryCharts.DAY.toMillis();
    double slot = (double) PLOT_W / w.buckets();
    for (int b = 0; b < w.buckets(); b++) {
      long start = w.start(b);
      double x = LEFT + b * slot;
      // A label centred on the right edge would be cut off.
      if (start % mark != 0 || x > WIDTH - RIGHT - 20) {
        continue;
      }
      String text = (day ? HOUR : DAY).format(Instant.ofEpochMilli(start));
      svg.append("<line class=\"tick\" x1=\"")
          .append(num(x))
          .append("\" x2=\"")
          .append(num(x))
          .append("\" y1=\"")
          .append(TOP + PLOT_H)
          .append("\" y2=\"")
          .append(TOP + PLOT_H + 4)
          .append("\"/><text class=\"axis\" text-anchor=\"middle\" x=\"")
          .append(num(x))
          .append("\" y=\"")
          .append(HEIGHT - 8)
          .append("\">")
          .append(esc(text))
          .append("</text>");
    }
  }

  /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code max} (4 for none). */
  static long niceMax(long max) {
    if (max <= 0) {
      return 4;
    }
    long power = 1;
    while (true) {
      for (long m : new long[] {1, 2, 4, 5, 10}) {
        if (m * power >= max) {
          return m * power;
        }
      }
      power *= 10;
    }
  }

  private static String per(Window w) {
    long hours = w.step() / DeliveryCharts.HOUR.toMillis();
    return hours == 1 ? "hour" : hours == 24 ? "day" : hours + " hours";
  }

  private static String plural(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Text and attribute values escaped for XML and HTML alike. */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
