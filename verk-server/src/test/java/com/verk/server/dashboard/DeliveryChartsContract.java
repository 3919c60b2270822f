package com.verk.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.dashboard.DeliveryCharts.Latency;
import com.verk.server.dashboard.DeliveryCharts.LatencyChart;
import com.verk.server.dashboard.DeliveryCharts.OutcomeChart;
import com.verk.server.dashboard.DeliveryCharts.Outcomes;
import com.verk.server.dashboard.DeliveryCharts.Rate;
import com.verk.server.dashboard.DeliveryCharts.Trend;
import com.verk.server.system.Ids;
import com.verk.server.testing.CountingDataSource;
import com.verk.server.testing.ServerAccess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The charts' numbers against rows this test wrote at known times, on a fixed clock: buckets,
 * window edges, nearest-rank percentiles, the organization scope, one statement per chart, and the
 * SVG drawn from them.
 */
interface DeliveryChartsContract extends ServerAccess {

  Instant NOW = Instant.parse("2026-11-30T12:30:00Z");

  DataSource dataSource();

  /** Rows of one organization's webhook, written straight to the delivery log. */
  final class Log {
    final JdbcTemplate jdbc;
    final String orgId;
    final String webhookId;
    final String eventId;

    Log(DataSource dataSource, String orgId) {
      this.jdbc = new JdbcTemplate(dataSource);
      this.orgId = orgId;
      this.webhookId = Ids.next("webhook");
      this.eventId = Ids.next("evt");
      long at = NOW.toEpochMilli();
      jdbc.update(
          "INSERT INTO webhooks (id, org_id, url, secret, active, created_at, updated_at)"
              + " VALUES (?, ?, 'http://127.0.0.1:9/never', 's', TRUE, ?, ?)",
          webhookId,
          orgId,
          at,
          at);
      jdbc.update(
          "INSERT INTO events (id, org_id, org_name, type, data, occurred_at)"
              + " VALUES (?, ?, 'Org', 'task.created', '{}', ?)",
          eventId,
          orgId,
          at);
    }

    /** {@code count} deliveries created at {@code at} in {@code status}; the last one's id. */
    String deliveries(Instant at, String status, int count) {
      String id = null;
      for (int i = 0; i < count; i++) {
        id = Ids.next("delivery");
        jdbc.update(
            "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, status,"
                + " attempts, next_attempt_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 'task.created', ?, 1, ?, ?, ?)",
            id,
            orgId,
            webhookId,
            eventId,
            status,
            // A pending row is due long after the test: the engine never sends it.
            "pending".equals(status) ? NOW.plus(Duration.ofDays(3650)).toEpochMilli() : null,
            at.toEpochMilli(),
            at.toEpochMilli());
      }
      return id;
    }

    void attempt(String deliveryId, Instant at, boolean success, Long ms) {
      jdbc.update(
          "INSERT INTO delivery_attempts (id, delivery_id, webhook_id, number, attempted_at,"
              + " success, response_status, response_time_ms) VALUES (?, ?, ?, 1, ?, ?, ?, ?)",
          Ids.next("attempt"),
          deliveryId,
          webhookId,
          at.toEpochMilli(),
          success,
          success ? 200 : 500,
          ms);
    }
  }

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  default void each_chart_counts_this_organizations_rows_per_bucket_in_one_statement() {
    String orgA = newTenant("pro").orgId();
    String orgB = newTenant("pro").orgId();
    Log a = new Log(dataSource(), orgA);
    Log a2 = new Log(dataSource(), orgA);
    Log b = new Log(dataSource(), orgB);

    // 24 h window: [29 Nov 13:00, 30 Nov 13:00); 7 d window: [23 Nov 18:00, 30 Nov 18:00).
    String recent = a.deliveries(at("2026-11-30T12:10:00Z"), "succeeded", 3);
    a.deliveries(at("2026-11-30T12:10:00Z"), "failed", 1);
    a.deliveries(at("2026-11-30T12:59:59.999Z"), "pending", 2);
    a.deliveries(at("2026-11-30T12:00:00Z"), "skipped", 1);
    String earlier = a.deliveries(at("2026-11-30T10:05:00Z"), "succeeded", 2);
    a.deliveries(at("2026-11-29T13:00:00Z"), "succeeded", 1); // first instant of the 24 h window
    a.deliveries(at("2026-11-29T12:59:59.999Z"), "succeeded", 1); // just before it
    String yesterday = a.deliveries(at("2026-11-29T06:30:00Z"), "failed", 1);
    a.deliveries(at("2026-11-22T12:00:00Z"), "succeeded", 5); // older than 7 days
    for (int ms = 1; ms <= 20; ms++) {
      a.attempt(recent, at("2026-11-30T12:10:00Z").plusSeconds(ms), ms <= 15, (long) ms);
    }
    a.attempt(recent, at("2026-11-30T12:20:00Z"), false, null); // no response time
    a.attempt(earlier, at("2026-11-30T10:06:00Z"), true, 500L);
    a.attempt(yesterday, at("2026-11-29T06:31:00Z"), false, 800L);
    String other = a2.deliveries(at("2026-11-28T09:00:00Z"), "succeeded", 1);
    a2.attempt(other, at("2026-11-28T09:00:01Z"), true, 40L);
    a2.attempt(other, at("2026-11-28T09:00:02Z"), true, 60L);
    String foreign = b.deliveries(at("2026-11-30T12:10:00Z"), "succeeded", 4);
    b.attempt(foreign, at("2026-11-30T12:11:00Z"), false, 9999L);

    CountingDataSource counting = new CountingDataSource(dataSource());
    DeliveryCharts charts =
        new DeliveryCharts(
            JdbcClient.create(counting.dataSource()), Clock.fixed(NOW, ZoneOffset.UTC));

    OutcomeChart day = charts.outcomes(orgA, a.webhookId, DeliveryCharts.LAST_DAY);
    assertThat(counting.statements()).hasSize(1);
    assertThat(day.buckets()).hasSize(24);
    assertThat(day.window().from()).isEqualTo(at("2026-11-29T13:00:00Z").toEpochMilli());
    assertThat(day.buckets().get(23)).isEqualTo(outcomes("2026-11-30T12:00:00Z", 3, 1, 2, 1));
    assertThat(day.buckets().get(21)).isEqualTo(outcomes("2026-11-30T10:00:00Z", 2, 0, 0, 0));
    assertThat(day.buckets().get(0)).isEqualTo(outcomes("2026-11-29T13:00:00Z", 1, 0, 0, 0));
    assertThat(day.total()).isEqualTo(10);

    counting.reset();
    OutcomeChart week = charts.outcomes(orgA, a.webhookId, DeliveryCharts.LAST_WEEK);
    assertThat(counting.statements()).hasSize(1);
    assertThat(week.buckets()).hasSize(28);
    assertThat(week.buckets().get(27)).isEqualTo(outcomes("2026-11-30T12:00:00Z", 3, 1, 2, 1));
    assertThat(week.buckets().get(26)).isEqualTo(outcomes("2026-11-30T06:00:00Z", 2, 0, 0, 0));
    assertThat(week.buckets().get(23)).isEqualTo(outcomes("2026-11-29T12:00:00Z", 2, 0, 0, 0));
    assertThat(week.buckets().get(22)).isEqualTo(outcomes("2026-11-29T06:00:00Z", 0, 1, 0, 0));
    assertThat(week.total()).isEqualTo(12);

    counting.reset();
    LatencyChart latency = charts.latency(orgA, a.webhookId, DeliveryCharts.LAST_DAY);
    assertThat(counting.statements()).hasSize(1);
    // Nearest rank of 1..20 ms: p50 is the 10th value, p95 the 19th.
    assertThat(latency.buckets().get(23))
        .isEqualTo(new Latency(at("2026-11-30T12:00:00Z").toEpochMilli(), 20, 10L, 19L));
    assertThat(latency.buckets().get(21))
        .isEqualTo(new Latency(at("2026-11-30T10:00:00Z").toEpochMilli(), 1, 500L, 500L));
    assertThat(latency.attempts()).isEqualTo(21);
    LatencyChart weekLatency = charts.latency(orgA, a.webhookId, DeliveryCharts.LAST_WEEK);
    assertThat(weekLatency.buckets().get(22).p95()).isEqualTo(800L);

    counting.reset();
    Map<String, Trend> trends = charts.trends(orgA);
    assertThat(counting.statements()).hasSize(1);
    assertThat(trends).containsOnlyKeys(a.webhookId, a2.webhookId);
    Trend trend = trends.get(a.webhookId);
    assertThat(trend.points()).hasSize(7);
    // 30 Nov: 15 of the 20 timed attempts, the untimed failure and the 10:06 success: 16 of 22.
    assertThat(trend.points().get(6))
        .isEqualTo(new Rate(at("2026-11-30T00:00:00Z").toEpochMilli(), 22, 16));
    assertThat(trend.points().get(6).percent()).isEqualTo(72L);
    assertThat(trend.points().get(5).percent()).isZero();
    assertThat(trend.points().get(4).attempts()).isZero();
    assertThat(trends.get(a2.webhookId).points().get(4).percent()).isEqualTo(100L);

    // Organization B's rows never show in A's charts, even asked for by B's webhook id.
    assertThat(charts.outcomes(orgA, b.webhookId, DeliveryCharts.LAST_DAY).total()).isZero();
    assertThat(charts.latency(orgA, b.webhookId, DeliveryCharts.LAST_DAY).attempts()).isZero();
    assertThat(charts.outcomes(orgB, b.webhookId, DeliveryCharts.LAST_DAY).total()).isEqualTo(4);
    assertThat(charts.trends(orgB)).containsOnlyKeys(b.webhookId);

    ChartSvg svg = new ChartSvg();
    String bars = svg.outcomes(day, "c");
    assertThat(count(bars, "class=\"seg seg-succeeded\"")).isEqualTo(3);
    assertThat(count(bars, "class=\"seg seg-failed\"")).isEqualTo(1);
    assertThat(count(bars, "class=\"seg seg-pending\"")).isEqualTo(1);
    assertThat(count(bars, "class=\"seg seg-skipped\"")).isEqualTo(1);
    // The scale tops at 10 (the busiest hour has 7): 3 of 10 is 30 % of the 150 px plot.
    assertThat(bars)
        .contains("data-bucket=\"23\" data-count=\"3\" x=")
        .contains("height=\"45.0\"")
        .contains(
            "<desc id=\"c-desc\">10 deliveries: 6 succeeded, 1 failed, 2 pending or retrying,"
                + " 1 skipped.</desc>");
    String lines = svg.latency(latency, "l");
    assertThat(count(lines, "class=\"dot dot-p95\"")).isEqualTo(2);
    assertThat(lines).contains("data-ms=\"19\"").contains("the highest p95 of any hour is 500 ms");
    String spark = svg.trend(trend, "t");
    assertThat(spark).contains("30 Nov 72% (16 of 22)").contains("28 Nov no attempts");
    assertThat(count(spark, "<circle")).isEqualTo(2);
  }

  @Test
  default void chart_text_is_escaped() {
    assertThat(ChartSvg.esc("<script>\"&'")).isEqualTo("&lt;script&gt;&quot;&amp;&#39;");
    DeliveryCharts.Window w = DeliveryCharts.LAST_DAY.at(NOW.toEpochMilli());
    java.util.List<Outcomes> none =
        java.util.stream.IntStream.range(0, w.buckets())
            .mapToObj(i -> new Outcomes(w.start(i), 0, 0, 0, 0))
            .toList();
    String svg = new ChartSvg().outcomes(new OutcomeChart(w, none), "x\"><script>");
    assertThat(svg)
        .doesNotContain("<script>")
        .contains("id=\"x&quot;&gt;&lt;script&gt;\"")
        .contains("No deliveries in the last 24 hours.");
  }

  private static Outcomes outcomes(
      String start, long succeeded, long failed, long pending, long skipped) {
    return new Outcomes(Instant.parse(start).toEpochMilli(), succeeded, failed, pending, skipped);
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
