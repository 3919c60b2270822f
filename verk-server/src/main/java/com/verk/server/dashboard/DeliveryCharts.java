package com.verk.server.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The numbers behind the dashboard's charts, each chart from one aggregate statement over the
 * delivery log (never a statement per webhook or per bucket), always scoped to one organization.
 *
 * <p>Time is cut into buckets aligned to UTC multiples of the bucket's length; the window ends with
 * the bucket that holds now, so the last bar is the current, partial hour (or six hours). The
 * bucket of a row is {@code (time - from) / step}, integer division on both databases.
 *
 * <ul>
 *   <li>Outcomes count deliveries by the hour (or six hours) they were created in and by their
 *       status now: succeeded, failed, pending (waiting for a retry or its first attempt) and
 *       skipped. Served by {@code deliveries_webhook (webhook_id, created_at, id)}.
 *   <li>Response times are the nearest-rank p50 and p95 of the attempts made in each bucket that
 *       recorded a response time: ROW_NUMBER and COUNT window functions, which SQLite and
 *       PostgreSQL both have, pick the row of rank ceil(p × n); only those rows (at most two per
 *       bucket) leave the database. Served by {@code attempts_webhook_time (webhook_id,
 *       attempted_at)}.
 *   <li>The list's trend is the share of attempts that succeeded per day over seven days, for every
 *       webhook of the organization in one GROUP BY webhook and day.
 * </ul>
 */
@Component
class DeliveryCharts {

  static final Duration HOUR = Duration.ofHours(1);
  static final Duration DAY = Duration.ofDays(1);

  /** The last 24 hours, one bucket per hour. */
  static final Span LAST_DAY = new Span("24 hours", Duration.ofHours(24), HOUR);

  /** The last 7 days, one bucket per six hours. */
  static final Span LAST_WEEK = new Span("7 days", Duration.ofDays(7), Duration.ofHours(6));

  /** The list's trend: the last 7 days, one point per day. */
  static final Span TREND = new Span("7 days", Duration.ofDays(7), DAY);

  /** How far back a chart looks and how wide its buckets are. */
  record Span(String label, Duration length, Duration step) {

    /** The window of this span that ends with the bucket holding {@code now}. */
    Window at(long now) {
      long step = this.step.toMillis();
      long to = Math.floorDiv(now, step) * step + step;
      int buckets = (int) (length.toMillis() / step);
      return new Window(label, to - (long) buckets * step, to, step, buckets);
    }
  }

  /** Buckets {@code [from, to)} of {@code step} milliseconds each. */
  record Window(String label, long from, long to, long step, int buckets) {

    public long start(int bucket) {
      return from + bucket * step;
    }

    /** Whether buckets are shorter than a day, so that labels show the time of day. */
    public boolean hourly() {
      return step < DAY.toMillis();
    }
  }

  /** Deliveries created in one bucket, by their status now. */
  record Outcomes(long start, long succeeded, long failed, long pending, long skipped) {
    public long total() {
      return succeeded + failed + pending + skipped;
    }
  }

  /** Attempts of one bucket that recorded a response time, and their p50 and p95 (null if none). */
  record Latency(long start, long attempts, Long p50, Long p95) {}

  /** Attempts of one bucket and how many succeeded. */
  record Rate(long start, long attempts, long succeeded) {
    /** Whole percent, rounded down so that 99.9 % never reads as 100 %; null without attempts. */
    public Long percent() {
      return attempts == 0 ? null : succeeded * 100 / attempts;
    }
  }

  record OutcomeChart(Window window, List<Outcomes> buckets) {
    public long total() {
      return buckets.stream().mapToLong(Outcomes::total).sum();
    }

    public long succeeded() {
      return buckets.stream().mapToLong(Outcomes::succeeded).sum();
    }

    public long failed() {
      return buckets.stream().mapToLong(Outcomes::failed).sum();
    }

    public long pending() {
      return buckets.stream().mapToLong(Outcomes::pending).sum();
    }

    public long skipped() {
      return buckets.stream().mapToLong(Outcomes::skipped).sum();
    }
  }

  record LatencyChart(Window window, List<Latency> buckets) {
    public long attempts() {
      return buckets.stream().mapToLong(Latency::attempts).sum();
    }
  }

  record Trend(Window window, List<Rate> points) {
    public long attempts() {
      return points.stream().mapToLong(Rate::attempts).sum();
    }
  }

  /** The four charts of a webhook's page: one statement each. */
  record WebhookCharts(
      OutcomeChart dayOutcomes,
      LatencyChart dayLatency,
      OutcomeChart weekOutcomes,
      LatencyChart weekLatency) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  DeliveryCharts(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Every chart of one webhook's page, {@link #LAST_DAY} and {@link #LAST_WEEK}. */
  WebhookCharts forWebhook(String orgId, String webhookId) {
    return new WebhookCharts(
        outcomes(orgId, webhookId, LAST_DAY),
        latency(orgId, webhookId, LAST_DAY),
        outcomes(orgId, webhookId, LAST_WEEK),
        latency(orgId, webhookId, LAST_WEEK));
  }

  /** Deliveries of one webhook per bucket of {@code span}, by status; one statement. */
  OutcomeChart outcomes(String orgId, String webhookId, Span span) {
    Window w = span.at(clock.millis());
    Map<Integer, long[]> counts = new HashMap<>();
    jdbc.sql(
            """
            SELECT (d.created_at - :from) / :step AS bucket, d.status, COUNT(*) AS n
            FROM deliveries d
            WHERE d.webhook_id = :webhook AND d.org_id = :org
              AND d.created_at >= :from AND d.created_at < :to
            GROUP BY 1, 2
            """)
        .params(params(orgId, w))
        .param("webhook", webhookId)
        .query(
            rs -> {
              int bucket = rs.getInt(1);
              int column =
                  switch (rs.getString(2)) {
                    case "succeeded" -> 0;
                    case "failed" -> 1;
                    case "pending" -> 2;
                    default -> 3;
                  };
              counts.computeIfAbsent(bucket, b -> new long[4])[column] += rs.getLong(3);
            });
    List<Outcomes> buckets = new ArrayList<>(w.buckets());
    for (int b = 0; b < w.buckets(); b++) {
      long[] c = counts.getOrDefault(b, new long[4]);
      buckets.add(new Outcomes(w.start(b), c[0], c[1], c[2], c[3]));
    }
    return new OutcomeChart(w, buckets);
  }

  /** Nearest-rank p50 and p95 of one webhook's response times per bucket of {@code span}. */
  LatencyChart latency(String orgId, String webhookId, Span span) {
    Window w = span.at(clock.millis());
    Map<Integer, Latency> found = new HashMap<>();
    jdbc.sql(
            """
            SELECT bucket, ms, rn, n FROM (
              SELECT bucket, ms,
                     ROW_NUMBER() OVER (PARTITION BY bucket ORDER BY ms) AS rn,
                     COUNT(*) OVER (PARTITION BY bucket) AS n
              FROM (
                SELECT (a.attempted_at - :from) / :step AS bucket, a.response_time_ms AS ms
                FROM delivery_attempts a JOIN webhooks w ON w.id = a.webhook_id
                WHERE a.webhook_id = :webhook AND w.org_id = :org
                  AND a.attempted_at >= :from AND a.attempted_at < :to
                  AND a.response_time_ms IS NOT NULL
              ) x
            ) r
            WHERE rn = (n * 50 + 99) / 100 OR rn = (n * 95 + 99) / 100
            """)
        .params(params(orgId, w))
        .param("webhook", webhookId)
        .query(
            rs -> {
              int bucket = rs.getInt(1);
              long ms = rs.getLong(2);
              long rank = rs.getLong(3);
              long n = rs.getLong(4);
              Latency had = found.getOrDefault(bucket, new Latency(w.start(bucket), n, null, null));
              found.put(
                  bucket,
                  new Latency(
                      had.start(),
                      n,
                      rank == rank(n, 50) ? Long.valueOf(ms) : had.p50(),
                      rank == rank(n, 95) ? Long.valueOf(ms) : had.p95()));
            });
    List<Latency> buckets = new ArrayList<>(w.buckets());
    for (int b = 0; b < w.buckets(); b++) {
      buckets.add(found.getOrDefault(b, new Latency(w.start(b), 0, null, null)));
    }
    return new LatencyChart(w, buckets);
  }

  /** The rank of the nearest-rank {@code p}th percentile of {@code n} sorted values. */
  static long rank(long n, int p) {
    return (n * p + 99) / 100;
  }

  /** Every webhook's daily success rate over {@link #TREND}; one statement for the organization. */
  Map<String, Trend> trends(String orgId) {
    Window w = TREND.at(clock.millis());
    Map<String, long[][]> rows = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT a.webhook_id, (a.attempted_at - :from) / :step AS bucket, COUNT(*) AS n,
                   SUM(CASE WHEN a.success THEN 1 ELSE 0 END) AS ok
            FROM delivery_attempts a JOIN webhooks w ON w.id = a.webhook_id
            WHERE w.org_id = :org AND a.attempted_at >= :from AND a.attempted_at < :to
            GROUP BY 1, 2
            """)
        .params(params(orgId, w))
        .query(
            rs -> {
              long[][] days = rows.computeIfAbsent(rs.getString(1), id -> new long[w.buckets()][2]);
              int bucket = rs.getInt(2);
              days[bucket][0] += rs.getLong(3);
              days[bucket][1] += rs.getLong(4);
            });
    Map<String, Trend> trends = new HashMap<>();
    rows.forEach(
        (id, days) -> {
          List<Rate> points = new ArrayList<>(w.buckets());
          for (int b = 0; b < w.buckets(); b++) {
            points.add(new Rate(w.start(b), days[b][0], days[b][1]));
          }
          trends.put(id, new Trend(w, points));
        });
    return trends;
  }

  /** A trend with no attempts, for a webhook {@link #trends} has no rows of. */
  Trend emptyTrend() {
    Window w = TREND.at(clock.millis());
    List<Rate> points = new ArrayList<>(w.buckets());
    for (int b = 0; b < w.buckets(); b++) {
      points.add(new Rate(w.start(b), 0, 0));
    }
    return new Trend(w, points);
  }

  private static Map<String, Object> params(String orgId, Window w) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("org", orgId);
    params.put("from", w.from());
    params.put("to", w.to());
    params.put("step", w.step());
    return params;
  }
}
