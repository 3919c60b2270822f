package com.verk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cost as the work grows (issue 20): the same server with more webhooks in one organization
 * (many-webhooks), more organizations (many-orgs) and more stored history (long-history). Each
 * prints a row per step, a Markdown table, and points for the charts ({@link SvgChart}). Every loop
 * is bounded by a count and a time limit; {@code --scale} scales the largest steps and the event
 * counts.
 */
final class ScaleScenarios {

  static final List<String> TASK_CREATED = Scenarios.TASK_CREATED;

  private final Path jar;
  private final Harness.Db db;
  private final double scale;
  private final int clients;
  private final List<String> jvmArgs;
  private final Path workDir;
  private final int warmUp;

  ScaleScenarios(
      Path jar,
      Harness.Db db,
      double scale,
      int clients,
      List<String> jvmArgs,
      Path workDir,
      int warmUp) {
    this.jar = jar;
    this.db = db;
    this.scale = scale;
    this.clients = clients;
    this.jvmArgs = jvmArgs;
    this.workDir = workDir;
    this.warmUp = warmUp;
  }

  private String dbName() {
    return db == Harness.Db.SQLITE ? "sqlite" : "postgres";
  }

  /** The steps of an axis that fit this scale: always the first two, the rest up to the cap. */
  static List<Integer> steps(List<Integer> all, double cap) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (i < 2 || all.get(i) <= cap) {
        out.add(all.get(i));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // many-webhooks

  static final List<Integer> WEBHOOK_STEPS = List.of(1, 100, 1_000, 10_000);

  /**
   * One enterprise organization with 1, 100, 1,000 and 10,000 webhooks on one event type (made
   * through the API, 16 at a time). At each step: {@code GET /v1/webhooks} page reads (walking the
   * cursor), then events one at a time, each fanning out to every webhook: its 201, the time from
   * the 201 to the last arrival, the 201-to-arrival percentiles of every delivery, and the server's
   * CPU per delivery. At the largest step the same again while another organization's webhooks (a
   * tenth as many) hang with a due backlog: the claim's cost while some are saturated.
   */
  Report manyWebhooks() {
    Report r = new Report(dbName(), "8 many webhooks: one event to N webhooks");
    List<Integer> steps = steps(WEBHOOK_STEPS, 100_000 * scale);
    int targetDeliveries = (int) Math.max(200, 50_000 * scale);
    StringBuilder table =
        new StringBuilder(
            "| webhooks | made/s (API) | list page p50 / p99 (ms) | events | 201 p50 (ms) |"
                + " to last arrival p50 / max (ms) | deliveries/s (one event) | 201→arrival"
                + " p50 / p99 (ms) | CPU per delivery (ms) | load avg |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
    try (FastReceiver receiver = new FastReceiver();
        Harness h = Harness.start(jar, db, Map.of(), jvmArgs, workDir, warmUp, 1)) {
      List<String> ids = Collections.synchronizedList(new ArrayList<>());
      int largest = steps.get(steps.size() - 1);
      for (int count : steps) {
        long t = System.nanoTime();
        int before = ids.size();
        parallel(
            count - before,
            i -> {
              ids.add(h.api.createWebhook(h.key, receiver.url("/w/" + (before + i)), TASK_CREATED));
              return null;
            });
        double madePerSecond = (count - before) / ((System.nanoTime() - t) / 1e9);
        double[] list = listPages(h, Math.max(50, (int) Math.min(200, 2_000 * scale)));
        // the "one event fans out to all of them": at 10,000 webhooks one event is 10,000
        // deliveries; smaller steps repeat it so that their percentiles have samples
        int events = Math.max(count >= 10_000 ? 1 : 3, Math.min(200, targetDeliveries / count));
        FanOut f = fanOut(h, receiver, h.key, h.projectId, count, events);
        String label = String.format(Locale.ROOT, "%,d webhooks: ", count);
        put(r, label, madePerSecond, list, f);
        row(table, Report.format(count), madePerSecond, list, events, f);
        r.point("webhooks", count, "deliveries/s (one event's fan-out)", f.perSecond());
        r.point("webhooks", count, "201-to-arrival p99 (ms)", f.p99());
        r.point("webhooks", count, "server CPU per delivery (ms)", f.cpuPerDelivery());
        r.point("webhooks", count, "GET /v1/webhooks page p99 (ms)", Stats.percentile(list, 99));
        System.out.print(
            "    " + table.substring(table.lastIndexOf("\n|", table.length() - 2) + 1));
        if (count == largest) {
          // Another organization's webhooks on an endpoint that never answers, with a due backlog
          // far beyond what it may have in flight: every claim walks past it.
          int hanging = Math.max(10, count / 10);
          try (HangingEndpoint dead = new HangingEndpoint()) {
            Harness.Tenant other = h.organization();
            parallel(
                hanging,
                i -> h.api.createWebhook(other.key(), dead.url("/dead/" + i), TASK_CREATED));
            int backlogEvents = Math.max(2, (int) (200_000 * scale) / hanging);
            Load.Outcome queued =
                Load.closedLoop(
                    h.api,
                    other.key(),
                    other.projectId(),
                    Math.min(clients, 8),
                    backlogEvents,
                    Duration.ofSeconds(120));
            long fill = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (dead.accepted() < 64 && System.nanoTime() < fill) {
              ServerProcess.pause(50);
            }
            r.put(
                "saturated neighbour: deliveries queued to hanging endpoint",
                queued.acks().size() * (double) hanging,
                "");
            FanOut s = fanOut(h, receiver, h.key, h.projectId, count, events);
            String l2 =
                String.format(
                    Locale.ROOT, "%,d webhooks, %,d of another org hanging: ", count, hanging);
            put(r, l2, Double.NaN, new double[0], s);
            row(
                table,
                Report.format(count) + " + " + Report.format(hanging) + " hanging (other org)",
                Double.NaN,
                listPages(h, 50),
                events,
                s);
            r.put("saturated neighbour: connections at the hanging endpoint", dead.accepted(), "");
            r.put(
                "saturated neighbour: CPU per delivery vs without",
                100 * (s.cpuPerDelivery() - f.cpuPerDelivery()) / f.cpuPerDelivery(),
                "%");
          }
        }
      }
      r.put("server peak heap used (-Xmx512m)", h.server.peakHeapBytes() / 1048576.0, "MiB");
      r.put("server peak RSS", h.server.peakRssBytes() / 1048576.0, "MiB");
    }
    r.tables.add(table.toString());
    return r;
  }

  /** What one step's events measured. */
  record FanOut(
      int events,
      int expected,
      int received,
      double[] apiMs,
      double[] toLastMs,
      double[] arrivalMs,
      double cpuMs,
      double busySeconds) {
    double perSecond() {
      return received / Math.max(busySeconds, 1e-9);
    }

    double p99() {
      return Stats.percentile(arrivalMs, 99);
    }

    double cpuPerDelivery() {
      return received == 0 ? Double.NaN : cpuMs / received;
    }
  }

  /** {@code events} events one after another, each awaited at all {@code count} webhooks. */
  private static FanOut fanOut(
      Harness h, FastReceiver receiver, String key, String project, int count, int events) {
    double[] api = new double[events];
    double[] toLast = new double[events];
    List<Double> arrivals = new ArrayList<>();
    int received = 0;
    double busy = 0;
    long cpu0 = h.server.cpuMillis();
    for (int e = 0; e < events; e++) {
      receiver.reset();
      long sent = System.nanoTime();
      VerkClient.Ack ack = h.api.createTask(key, project, "fan-out " + e);
      if (!ack.created()) {
        throw new IllegalStateException("event not created: " + ack.status() + " " + ack.error());
      }
      Scenarios.awaitDeliveries(receiver, count, Duration.ofSeconds(120));
      long[] at = receiver.arrivalTimes();
      api[e] = (ack.ackNanos() - sent) / 1e6;
      long last = at.length == 0 ? ack.ackNanos() : at[at.length - 1];
      toLast[e] = (last - ack.ackNanos()) / 1e6;
      busy += (last - sent) / 1e9;
      received += at.length;
      for (long a : at) {
        arrivals.add((a - ack.ackNanos()) / 1e6);
      }
    }
    double cpu = h.server.cpuMillis() - cpu0;
    return new FanOut(
        events,
        events * count,
        received,
        api,
        toLast,
        arrivals.stream().mapToDouble(Double::doubleValue).toArray(),
        cpu,
        busy);
  }

  private static void put(Report r, String label, double made, double[] list, FanOut f) {
    if (!Double.isNaN(made)) {
      r.put(label + "webhooks made through the API", made, "/s");
    }
    if (list.length > 0) {
      r.put(label + "GET /v1/webhooks page p50", Stats.percentile(list, 50), "ms");
      r.put(label + "GET /v1/webhooks page p99", Stats.percentile(list, 99), "ms");
    }
    r.put(label + "events (one at a time)", f.events(), "");
    r.put(label + "201 p50", Stats.percentile(f.apiMs(), 50), "ms");
    r.put(label + "201 to last arrival p50", Stats.percentile(f.toLastMs(), 50), "ms");
    r.put(label + "201 to last arrival max", Stats.percentile(f.toLastMs(), 100), "ms");
    r.put(label + "deliveries/s (one event's fan-out)", f.perSecond(), "deliveries/s");
    r.put(label + "201 to arrival p50", Stats.percentile(f.arrivalMs(), 50), "ms");
    r.put(label + "201 to arrival p99", f.p99(), "ms");
    r.put(label + "server CPU per delivery", f.cpuPerDelivery(), "ms");
    r.put(label + "missing", f.expected() - f.received(), "");
  }

  private static void row(
      StringBuilder t, String what, double made, double[] list, int events, FanOut f) {
    t.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %s / %s | %d | %s | %s / %s | %s | %s / %s | %s | %s |%n",
            what,
            Double.isNaN(made) ? "" : Report.format(made),
            Report.format(Stats.percentile(list, 50)),
            Report.format(Stats.percentile(list, 99)),
            events,
            Report.format(Stats.percentile(f.apiMs(), 50)),
            Report.format(Stats.percentile(f.toLastMs(), 50)),
            Report.format(Stats.percentile(f.toLastMs(), 100)),
            Report.format(f.perSecond()),
            Report.format(Stats.percentile(f.arrivalMs(), 50)),
            Report.format(f.p99()),
            Report.format(f.cpuPerDelivery()),
            loadAverage()));
  }

  /** {@code reads} pages of {@code GET /v1/webhooks?limit=100}, following the cursor around. */
  private static double[] listPages(Harness h, int reads) {
    double[] ms = new double[reads];
    String cursor = null;
    for (int i = 0; i < reads; i++) {
      String path = "/v1/webhooks?limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
      long t = System.nanoTime();
      VerkClient.Reply reply = h.api.call("GET", path, h.key, null);
      ms[i] = (System.nanoTime() - t) / 1e6;
      if (reply.status() != 200) {
        throw new IllegalStateException("GET /v1/webhooks: " + reply);
      }
      String next = reply.json().path("nextCursor").asString(null);
      cursor = next == null || next.isEmpty() ? null : next;
    }
    return ms;
  }

  // ---------------------------------------------------------------------------------------------
  // many-orgs

  static final List<Integer> ORG_STEPS = List.of(1, 100, 10_000);

  /** Organizations' open-loop rate in many-orgs (events/s, spread evenly over them). */
  static final int ORGS_RATE = 200;

  /**
   * 1, 100 and 10,000 enterprise organizations on one server, one project and one webhook each
   * (made through the operator and public API, 16 at a time). At each step: a closed loop of events
   * spread evenly over the organizations (deliveries/s sustained), then an open loop at 200
   * events/s spread the same way (201-to-arrival percentiles).
   */
  Report manyOrgs() {
    Report r = new Report(dbName(), "9 many organizations, one webhook each");
    List<Integer> steps = steps(ORG_STEPS, 100_000 * scale);
    StringBuilder table =
        new StringBuilder(
            "| organizations | made/s (org + project + webhook) | closed loop: events/s (API) |"
                + " deliveries/s sustained | CPU per delivery (ms) | at "
                + ORGS_RATE
                + "/s: achieved | 201 p99 (ms) | 201→arrival p50 / p99 (ms) | skipped | load"
                + " avg |\n|---|---|---|---|---|---|---|---|---|---|\n");
    try (FastReceiver receiver = new FastReceiver();
        Harness h = Harness.start(jar, db, Map.of(), jvmArgs, workDir, warmUp, 1)) {
      List<Harness.Tenant> tenants = Collections.synchronizedList(new ArrayList<>());
      String first = h.api.createWebhook(h.key, receiver.url("/o/0"), TASK_CREATED);
      if (first.isEmpty()) {
        throw new IllegalStateException("no webhook");
      }
      tenants.add(new Harness.Tenant(h.key, h.projectId));
      receiver.trackTasks(true);
      for (int count : steps) {
        long t = System.nanoTime();
        int before = tenants.size();
        parallel(
            count - before,
            i -> {
              Harness.Tenant o = h.organization();
              h.api.createWebhook(o.key(), receiver.url("/o/" + (before + i)), TASK_CREATED);
              tenants.add(o);
              return null;
            });
        double made = (count - before) / ((System.nanoTime() - t) / 1e9);
        List<Harness.Tenant> all = List.copyOf(tenants);

        receiver.reset();
        long cpu0 = h.server.cpuMillis();
        int n = Math.max(200, (int) (20_000 * scale));
        Sent closed = closedLoop(h.api, all, clients, n, Duration.ofSeconds(120));
        Scenarios.awaitDeliveries(receiver, closed.ok(), Duration.ofSeconds(120));
        long[] arrivals = receiver.arrivalTimes();
        double sustained = Stats.sustainedRate(arrivals);
        double cpuPer = (h.server.cpuMillis() - cpu0) / (double) Math.max(1, arrivals.length);

        receiver.reset();
        int paced = Math.max(400, (int) (10_000 * scale));
        Sent open =
            paced(h.api, all, ORGS_RATE, paced, Duration.ofSeconds(paced / ORGS_RATE + 30), null);
        Scenarios.awaitDeliveries(receiver, open.ok(), Duration.ofSeconds(60));
        double[] lat = open.arrivalMs(receiver, 0.1);
        double[] api = open.apiMs(0.1);
        String label = String.format(Locale.ROOT, "%,d orgs: ", count);
        r.put(label + "made (org + project + webhook)", made, "/s");
        r.put(label + "closed loop: API rate", closed.ackRate(), "events/s");
        r.put(label + "closed loop: failed calls", closed.failed(), "");
        r.put(label + "deliveries/s sustained (10-90%)", sustained, "deliveries/s");
        r.put(label + "server CPU per delivery", cpuPer, "ms");
        r.put(label + "open loop: achieved", open.ackRate(), "events/s");
        r.put(label + "open loop: skipped (>2000 outstanding)", open.skipped(), "");
        r.put(label + "201 p99", Stats.percentile(api, 99), "ms");
        r.put(label + "201 to arrival p50", Stats.percentile(lat, 50), "ms");
        r.put(label + "201 to arrival p99", Stats.percentile(lat, 99), "ms");
        r.put(label + "not arrived", open.ok() - receiver.distinctDelivered(), "");
        table.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %s | %s / %s | %d | %s |%n",
                Report.format(count),
                count == 1 ? "" : Report.format(made),
                Report.format(closed.ackRate()),
                Report.format(sustained),
                Report.format(cpuPer),
                Report.format(open.ackRate()),
                Report.format(Stats.percentile(api, 99)),
                Report.format(Stats.percentile(lat, 50)),
                Report.format(Stats.percentile(lat, 99)),
                open.skipped(),
                loadAverage()));
        System.out.print(
            "    " + table.substring(table.lastIndexOf("\n|", table.length() - 2) + 1));
        r.point("organizations", count, "deliveries/s sustained", sustained);
        r.point("organizations", count, "201-to-arrival p99 at 200 events/s (ms)", lat99(lat));
        r.point("organizations", count, "server CPU per delivery (ms)", cpuPer);
      }
      r.put("server peak heap used (-Xmx512m)", h.server.peakHeapBytes() / 1048576.0, "MiB");
      r.put("server peak RSS", h.server.peakRssBytes() / 1048576.0, "MiB");
    }
    r.tables.add(table.toString());
    return r;
  }

  private static double lat99(double[] lat) {
    return Stats.percentile(lat, 99);
  }

  // ---------------------------------------------------------------------------------------------
  // long-history

  static final List<Long> HISTORY_STEPS = List.of(1_000_000L, 10_000_000L);

  /** Webhooks the history is spread over; the delivery log read is the first one's. */
  static final int HISTORY_WEBHOOKS = 10;

  /** The open-loop rate while the purge runs (events/s; each fans out to the 10 webhooks). */
  static final int HISTORY_RATE = 100;

  private static final Pattern PURGED =
      Pattern.compile("Retention purged (\\d+) deliveries and (\\d+) events");

  /**
   * A server whose database holds 0, 1 M and 10 M (times --scale) finished deliveries with an
   * attempt each, written by {@link HistoryLoader} while the server is stopped, spread over 40 days
   * (a quarter older than VERK_RETENTION=30d). After the restart: delivery-log page reads (first
   * page, pages deep in the cursor, and status=failed), then 100 events/s to one of the ten
   * webhooks while the retention purge (its first run, a minute after start) deletes the old
   * quarter: the 201 and 201-to-arrival percentiles before and during it, and its rate; then a
   * closed loop of events for the sustained deliveries/s.
   */
  Report longHistory() {
    Report r = new Report(dbName(), "10 long history: N stored deliveries");
    List<Long> steps = new ArrayList<>();
    steps.add(0L);
    for (long n : HISTORY_STEPS) {
      steps.add(Math.max(1_000, Math.round(n * scale)));
    }
    StringBuilder table =
        new StringBuilder(
            "| stored deliveries | loaded at (rows/s) | log page p50 / p99 (ms) | deep page p99"
                + " | status=failed p99 | 100 events/s before purge: 201 p99 / 201→arrival p99"
                + " (ms) | during purge: 201 p99 / 201→arrival p99 (ms) | purge: rows, rate"
                + " (rows/s) | closed loop deliveries/s (one webhook) | load avg |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
    for (long stored : steps) {
      try {
        historyStep(r, table, stored);
      } catch (RuntimeException e) {
        // one step that cannot run (e.g. a server start that timed out) leaves the others
        System.err.println("long-history step " + stored + " failed: " + e);
        r.note(String.format(Locale.ROOT, "%,d stored: could not run: %s", stored, e.getMessage()));
        table.append(String.format(Locale.ROOT, "| %s | could not run |%n", Report.format(stored)));
      }
    }
    r.tables.add(table.toString());
    return r;
  }

  private void historyStep(Report r, StringBuilder table, long stored) {
    String label = String.format(Locale.ROOT, "%,d stored: ", stored);
    try (FastReceiver receiver = new FastReceiver();
        Harness h = Harness.start(jar, db, Map.of(), jvmArgs, workDir, 0, 1)) {
      List<String> hooks = new ArrayList<>();
      // the history is spread over ten webhooks; the live events go to the first one only, so
      // that 100 events/s is 100 deliveries/s as in scenario 3b
      for (int i = 0; i < HISTORY_WEBHOOKS; i++) {
        hooks.add(
            h.webhook(receiver.url("/h/" + i), i == 0 ? TASK_CREATED : List.of("task.deleted")));
      }
      long now = System.currentTimeMillis();
      long from = now - Duration.ofDays(40).toMillis();
      long to = now - Duration.ofMinutes(1).toMillis();
      HistoryLoader.Loaded[] loaded = new HistoryLoader.Loaded[1];
      h.restart(
          Map.of("VERK_RETENTION", "30d"),
          () -> {
            if (stored > 0) {
              loaded[0] =
                  HistoryLoader.load(
                      h.jdbcUrl(), db == Harness.Db.POSTGRES, hooks, stored, from, to);
              System.out.printf(
                  Locale.ROOT,
                  "    history loader: %,d deliveries (+ as many attempts, %,d events) in %.1f s"
                      + " = %,.0f deliveries/s, then %.1f s %s%n",
                  stored,
                  stored / HISTORY_WEBHOOKS,
                  loaded[0].seconds(),
                  loaded[0].rowsPerSecond(),
                  loaded[0].vacuumSeconds(),
                  db == Harness.Db.POSTGRES ? "VACUUM ANALYZE" : "checkpoint");
            }
          },
          Math.min(warmUp, 3_000));
      long restartedAt = System.nanoTime();
      if (loaded[0] != null) {
        r.put(
            label + "loader: rows/s (deliveries, + as many attempts)",
            loaded[0].rowsPerSecond(),
            "");
        r.put(label + "loader: seconds", loaded[0].seconds(), "s");
        r.put(label + "loader: VACUUM ANALYZE / checkpoint", loaded[0].vacuumSeconds(), "s");
        r.put(label + "database size", loaded[0].databaseBytes() / 1048576.0, "MiB");
        r.put(
            label + "database bytes per stored delivery (with its attempt, 1/10 event)",
            loaded[0].databaseBytes() / (double) stored,
            "bytes");
      }
      String log = "/v1/webhooks/" + hooks.get(0) + "/deliveries?limit=100";
      int reads = Math.max(50, (int) Math.min(200, 2_000 * scale));
      double[] first = timedReads(h, log, reads, false);
      double[] deep = timedReads(h, log, reads, true);
      double[] failed = timedReads(h, log + "&status=failed", reads, false);
      r.put(label + "log page p50", Stats.percentile(first, 50), "ms");
      r.put(label + "log page p99 (target < 20 ms)", Stats.percentile(first, 99), "ms");
      r.put(label + "log page deep in the cursor p99", Stats.percentile(deep, 99), "ms");
      r.put(label + "log page status=failed p99", Stats.percentile(failed, 99), "ms");

      // 100 events/s until the purge has run (or, without history, 30 s)
      long expectPurge = stored / 4;
      Duration limit =
          stored == 0
              ? Duration.ofSeconds(30)
              : Duration.ofSeconds(Math.min(900, 90 + expectPurge / 2_000));
      PurgeWatch watch = new PurgeWatch(h, stored > 0);
      Thread watcher = new Thread(watch, "purge-watch");
      watcher.setDaemon(true);
      watcher.start();
      Harness.Tenant self = new Harness.Tenant(h.key, h.projectId);
      receiver.trackTasks(true);
      receiver.reset();
      int count = (int) (limit.toSeconds() * HISTORY_RATE);
      Sent open =
          paced(
              h.api,
              List.of(self),
              HISTORY_RATE,
              count,
              limit,
              () -> stored == 0 ? false : watch.endNanos > 0);
      watch.stop = true;
      join(watcher);
      Scenarios.awaitDeliveries(receiver, open.ok(), Duration.ofSeconds(60));
      long purgeStart = watch.startNanos > 0 ? watch.startNanos : Long.MAX_VALUE;
      long purgeEnd = watch.endNanos > 0 ? watch.endNanos : Long.MAX_VALUE;
      double[][] before = open.window(receiver, restartedAt, purgeStart);
      double[][] during = open.window(receiver, purgeStart, purgeEnd);
      r.put(label + "events at 100/s: achieved", open.ackRate(), "events/s");
      r.put(label + "events at 100/s: skipped", open.skipped(), "");
      r.put(label + "before purge: samples", before[0].length, "");
      r.put(label + "before purge: 201 p99", Stats.percentile(before[0], 99), "ms");
      r.put(label + "before purge: 201 to arrival p99", Stats.percentile(before[1], 99), "ms");
      r.put(label + "during purge: samples", during[0].length, "");
      r.put(label + "during purge: 201 p99", Stats.percentile(during[0], 99), "ms");
      r.put(label + "during purge: 201 to arrival p99", Stats.percentile(during[1], 99), "ms");
      // (a purge that starts and ends between two looks has no measurable duration)
      double purgeSeconds =
          watch.startNanos > 0 && watch.endNanos > watch.startNanos
              ? (watch.endNanos - watch.startNanos) / 1e9
              : Double.NaN;
      double purgeRate = watch.purged / purgeSeconds;
      r.put(label + "purge: deliveries deleted (server log)", watch.purged, "");
      r.put(label + "purge: events deleted (server log)", watch.purgedEvents, "");
      r.put(label + "purge: seconds (first row gone to log line)", purgeSeconds, "s");
      r.put(label + "purge: rate", purgeRate, "deliveries/s (+ as many attempts)");
      if (stored > 0 && watch.endNanos == 0) {
        r.note(stored + " stored: the purge had not finished within " + limit);
      }

      // closed loop of fan-out events on top of the history
      receiver.trackTasks(false);
      receiver.reset();
      long cpu0 = h.server.cpuMillis();
      int n = Math.max(200, (int) (20_000 * scale));
      Sent closed = closedLoop(h.api, List.of(self), clients, n, Duration.ofSeconds(120));
      Scenarios.awaitDeliveries(receiver, closed.ok(), Duration.ofSeconds(120));
      long[] arrivals = receiver.arrivalTimes();
      double sustained = Stats.sustainedRate(arrivals);
      r.put(label + "closed loop, one webhook: deliveries/s sustained", sustained, "deliveries/s");
      r.put(
          label + "closed loop, one webhook: server CPU per delivery",
          (h.server.cpuMillis() - cpu0) / (double) Math.max(1, arrivals.length),
          "ms");
      r.put(label + "server peak RSS", h.server.peakRssBytes() / 1048576.0, "MiB");
      double x = stored + warmUpDeliveries();
      r.point("stored deliveries", x, "delivery-log page p99 (ms)", Stats.percentile(first, 99));
      r.point(
          "stored deliveries", x, "201 p99 at 100 events/s (ms)", Stats.percentile(before[0], 99));
      r.point(
          "stored deliveries",
          x,
          "201-to-arrival p99 at 100 events/s (ms)",
          Stats.percentile(before[1], 99));
      r.point(
          "stored deliveries", x, "deliveries/s sustained (one webhook, closed loop)", sustained);
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s / %s | %s | %s | %s / %s | %s / %s | %s, %s | %s | %s |%n",
              Report.format(stored),
              loaded[0] == null ? "" : Report.format(loaded[0].rowsPerSecond()),
              Report.format(Stats.percentile(first, 50)),
              Report.format(Stats.percentile(first, 99)),
              Report.format(Stats.percentile(deep, 99)),
              Report.format(Stats.percentile(failed, 99)),
              Report.format(Stats.percentile(before[0], 99)),
              Report.format(Stats.percentile(before[1], 99)),
              Report.format(Stats.percentile(during[0], 99)),
              Report.format(Stats.percentile(during[1], 99)),
              Report.format(watch.purged),
              Report.format(purgeRate),
              Report.format(sustained),
              loadAverage()));
      System.out.print("    " + table.substring(table.lastIndexOf("\n|", table.length() - 2) + 1));
    }
  }

  private int warmUpDeliveries() {
    return Math.min(warmUp, 3_000);
  }

  /** {@code reads} GETs of a delivery-log page: the first page, or pages walked by cursor. */
  private static double[] timedReads(Harness h, String path, int reads, boolean walk) {
    double[] ms = new double[reads];
    String cursor = null;
    for (int i = 0; i < reads; i++) {
      String p = path + (cursor == null ? "" : "&cursor=" + cursor);
      long t = System.nanoTime();
      VerkClient.Reply reply = h.api.call("GET", p, h.key, null);
      ms[i] = (System.nanoTime() - t) / 1e6;
      if (reply.status() != 200) {
        throw new IllegalStateException("GET " + p + ": " + reply);
      }
      if (walk) {
        String next = reply.json().path("nextCursor").asString(null);
        cursor = next == null || next.isEmpty() ? null : next;
      }
    }
    return ms;
  }

  /**
   * Watches the retention purge from outside: the oldest {@code created_at} left in deliveries (an
   * index lookup, once a second) tells when the first old row went; the server's log line
   * "Retention purged N deliveries and M events" tells when it finished and how much.
   */
  private static final class PurgeWatch implements Runnable {
    private final Harness h;
    private final boolean expect;
    volatile boolean stop;
    volatile long startNanos;
    volatile long endNanos;
    volatile long purged;
    volatile long purgedEvents;

    PurgeWatch(Harness h, boolean expect) {
      this.h = h;
      this.expect = expect;
    }

    @Override
    public void run() {
      if (!expect) {
        return;
      }
      boolean pg = h.sqliteFile() == null;
      try (Connection c =
          pg
              ? DriverManager.getConnection(h.jdbcUrl(), "postgres", "")
              : DriverManager.getConnection(h.jdbcUrl() + "?open_mode=1&busy_timeout=5000")) {
        long oldest = oldest(c);
        long logFrom = Files.size(h.server.log());
        while (!stop && endNanos == 0) {
          long now = System.nanoTime();
          if (startNanos == 0 && oldest(c) != oldest) {
            startNanos = now;
          }
          String tail = readFrom(h.server.log(), logFrom);
          Matcher m = PURGED.matcher(tail);
          if (m.find()) {
            purged = Long.parseLong(m.group(1));
            purgedEvents = Long.parseLong(m.group(2));
            endNanos = now;
            if (startNanos == 0) {
              startNanos = now;
            }
          }
          ServerProcess.pause(250);
        }
      } catch (SQLException | IOException e) {
        System.err.println("purge watch failed: " + e);
      }
    }

    private static long oldest(Connection c) throws SQLException {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT MIN(created_at) FROM deliveries")) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }

    private static String readFrom(Path file, long offset) throws IOException {
      byte[] all = Files.readAllBytes(file);
      return offset >= all.length
          ? ""
          : new String(
              all,
              (int) offset,
              all.length - (int) offset,
              java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // load over several organizations

  /** One event as sent: the organization's index, send and 201 times. */
  record One(String taskId, long sentNanos, long ackNanos) {}

  record Sent(List<One> acks, int failed, int skipped, long startNanos, long endNanos) {
    int ok() {
      return acks.size();
    }

    double ackRate() {
      return acks.size() / Math.max((endNanos - startNanos) / 1e9, 1e-9);
    }

    /** 201 latencies after the first {@code skip} share, in ms. */
    double[] apiMs(double skip) {
      List<One> sorted = sorted();
      int from = (int) (sorted.size() * skip);
      return sorted.subList(from, sorted.size()).stream()
          .mapToDouble(o -> (o.ackNanos() - o.sentNanos()) / 1e6)
          .toArray();
    }

    /** 201-to-first-arrival latencies after the first {@code skip} share, in ms. */
    double[] arrivalMs(FastReceiver receiver, double skip) {
      List<One> sorted = sorted();
      int from = (int) (sorted.size() * skip);
      List<Double> out = new ArrayList<>();
      for (One o : sorted.subList(from, sorted.size())) {
        Long at = receiver.firstArrivalOfTask(o.taskId());
        if (at != null) {
          out.add((at - o.ackNanos()) / 1e6);
        }
      }
      return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** [201 ms, 201-to-arrival ms] of the events sent in [from, to). */
    double[][] window(FastReceiver receiver, long from, long to) {
      List<Double> api = new ArrayList<>();
      List<Double> arrival = new ArrayList<>();
      for (One o : acks) {
        if (o.sentNanos() >= from && o.sentNanos() < to) {
          api.add((o.ackNanos() - o.sentNanos()) / 1e6);
          Long at = receiver.firstArrivalOfTask(o.taskId());
          if (at != null) {
            arrival.add((at - o.ackNanos()) / 1e6);
          }
        }
      }
      return new double[][] {
        api.stream().mapToDouble(Double::doubleValue).toArray(),
        arrival.stream().mapToDouble(Double::doubleValue).toArray()
      };
    }

    private List<One> sorted() {
      List<One> s = new ArrayList<>(acks);
      s.sort((a, b) -> Long.compare(a.ackNanos(), b.ackNanos()));
      return s;
    }
  }

  /** {@code clients} callers, event i from organization i mod size, until count or limit. */
  static Sent closedLoop(
      VerkClient api, List<Harness.Tenant> orgs, int clients, int count, Duration limit) {
    ConcurrentLinkedQueue<One> acks = new ConcurrentLinkedQueue<>();
    AtomicInteger issued = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      Thread th =
          new Thread(
              () -> {
                int i;
                while ((i = issued.getAndIncrement()) < count && System.nanoTime() < deadline) {
                  Harness.Tenant o = orgs.get(i % orgs.size());
                  long sent = System.nanoTime();
                  VerkClient.Ack ack = api.createTask(o.key(), o.projectId(), "orgs " + i);
                  if (ack.created()) {
                    acks.add(new One(ack.taskId(), sent, ack.ackNanos()));
                  } else {
                    failed.incrementAndGet();
                  }
                }
              },
              "orgs-load-" + t);
      th.start();
      threads.add(th);
    }
    threads.forEach(ScaleScenarios::join);
    return new Sent(List.copyOf(acks), failed.get(), 0, start, System.nanoTime());
  }

  /**
   * Open loop at {@code rate}, event i from organization i mod size, at most 2,000 unanswered;
   * stops early when {@code stop} says so (checked before every send).
   */
  static Sent paced(
      VerkClient api,
      List<Harness.Tenant> orgs,
      double rate,
      int count,
      Duration limit,
      BooleanSupplier stop) {
    ConcurrentLinkedQueue<One> acks = new ConcurrentLinkedQueue<>();
    AtomicInteger failed = new AtomicInteger();
    Semaphore outstanding = new Semaphore(2_000);
    long period = (long) (1e9 / rate);
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    int skipped = 0;
    AtomicInteger inFlight = new AtomicInteger();
    for (int i = 0; i < count; i++) {
      long due = start + i * period;
      if (due > deadline || (stop != null && stop.getAsBoolean())) {
        break;
      }
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (!outstanding.tryAcquire()) {
        skipped++;
        continue;
      }
      Harness.Tenant o = orgs.get(i % orgs.size());
      long sent = System.nanoTime();
      inFlight.incrementAndGet();
      api.createTaskAsync(
          o.key(),
          o.projectId(),
          "paced " + i,
          ack -> {
            if (ack.created()) {
              acks.add(new One(ack.taskId(), sent, ack.ackNanos()));
            } else {
              failed.incrementAndGet();
            }
            inFlight.decrementAndGet();
            outstanding.release();
          });
    }
    long wait = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < wait) {
      ServerProcess.pause(10);
    }
    return new Sent(List.copyOf(acks), failed.get(), skipped, start, System.nanoTime());
  }

  /** Runs {@code task(0..n-1)} on 16 threads; rethrows the first failure. */
  static void parallel(int n, IntFunction<Object> task) {
    if (n <= 0) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(pool.submit(() -> task.apply(k)));
      }
      for (Future<Object> f : futures) {
        f.get(10, TimeUnit.MINUTES);
      }
    } catch (Exception e) {
      throw new IllegalStateException("setup failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
