package com.verk.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scenarios of docs/benchmarks.md. Each starts its own server on a fresh database, so no
 * scenario inherits another's queue, and measures at the receiver. Every loop is bounded by a count
 * and a time limit.
 */
final class Scenarios {

  static final List<String> TASK_CREATED = List.of("task.created");

  private final Path jar;
  private final Harness.Db db;
  private final double scale;
  private final int clients;
  private final List<String> jvmArgs;
  private final Path workDir;
  private final int warmUp;
  private Report single;
  private Report latency;

  Scenarios(
      Path jar,
      Harness.Db db,
      double scale,
      int clients,
      List<String> jvmArgs,
      Path workDir,
      int warmUp) {
    this.jar = jar;
    this.warmUp = warmUp;
    this.db = db;
    this.scale = scale;
    this.clients = clients;
    this.jvmArgs = jvmArgs;
    this.workDir = workDir;
  }

  private int scaled(int n) {
    return Math.max(20, (int) Math.round(n * scale));
  }

  private String dbName() {
    return db == Harness.Db.SQLITE ? "sqlite" : "postgres";
  }

  /** A fresh server, warmed up with {@code webhooks} webhooks: the shape the scenario measures. */
  private Harness start(Map<String, String> env, int webhooks) {
    return Harness.start(jar, db, env, jvmArgs, workDir, warmUp, webhooks);
  }

  /** (1) One webhook, closed-loop API load: the maximum sustained deliveries/s. */
  Report single() {
    Report r = new Report(dbName(), "1 single webhook, max sustained");
    try (FastReceiver receiver = new FastReceiver();
        Harness h = start(Map.of(), 1)) {
      h.webhook(receiver.url("/hook/0"), TASK_CREATED);
      Load.Outcome load =
          Load.closedLoop(
              h.api, h.key, h.projectId, clients, scaled(20_000), Duration.ofSeconds(120));
      throughput(r, h, receiver, load, 1);
    }
    single = r;
    return r;
  }

  /** (2) Fan-out: every event goes to 10 webhooks. */
  Report fanOut() {
    Report r = new Report(dbName(), "2 fan-out to 10 webhooks");
    try (FastReceiver receiver = new FastReceiver();
        Harness h = start(Map.of(), 10)) {
      for (int i = 0; i < 10; i++) {
        h.webhook(receiver.url("/hook/" + i), TASK_CREATED);
      }
      Load.Outcome load =
          Load.closedLoop(
              h.api, h.key, h.projectId, clients, scaled(5_000), Duration.ofSeconds(120));
      throughput(r, h, receiver, load, 10);
    }
    return r;
  }

  /** (3) 201-to-arrival latency at a fixed 500 events/s (open loop). */
  Report latency() {
    latency = latencyAt(500, scaled(10_000), "3 latency at 500 events/s");
    return latency;
  }

  /** (3b) The same at 100 events/s, a rate the API sustains on a busy 2-core machine. */
  Report latencyLow() {
    return latencyAt(100, scaled(3_000), "3b latency at 100 events/s");
  }

  private Report latencyAt(int rate, int count, String title) {
    Report r = new Report(dbName(), title);
    try (FastReceiver receiver = new FastReceiver();
        Harness h = start(Map.of(), 1)) {
      receiver.trackTasks(true);
      h.webhook(receiver.url("/hook/0"), TASK_CREATED);
      Load.Outcome load =
          Load.paced(h.api, h.key, h.projectId, rate, count, Duration.ofSeconds(60), 2_000);
      awaitDeliveries(receiver, load.acks().size(), Duration.ofSeconds(60));
      r.put("events sent (open loop, " + rate + "/s)", load.acks().size() + load.failures(), "");
      r.put("API rate achieved", load.ackRate(), "events/s");
      r.put("sends skipped (>2000 outstanding)", load.behind(), "");
      latencies(r, "", load, receiver);
      common(r, h, receiver, load.acks().size());
    }
    return r;
  }

  /** (4) A dead endpoint (never answers, 5 s timeouts) next to a healthy one. */
  Report isolation() {
    Report r = new Report(dbName(), "4 isolation: dead endpoint beside a healthy one");
    try (FastReceiver receiver = new FastReceiver();
        HangingEndpoint dead = new HangingEndpoint();
        Harness h = start(Map.of("VERK_WEBHOOKS_TIMEOUT", "5s"), 2)) {
      h.webhook(dead.url("/dead"), TASK_CREATED);
      h.webhook(receiver.url("/hook/0"), TASK_CREATED);
      Load.Outcome load =
          Load.closedLoop(
              h.api, h.key, h.projectId, clients, scaled(20_000), Duration.ofSeconds(120));
      throughput(r, h, receiver, load, 1);
      double healthy = r.get("deliveries/s sustained (10-90%)");
      if (single != null) {
        double base = single.get("deliveries/s sustained (10-90%)");
        r.put("healthy throughput vs scenario 1", 100.0 * (healthy - base) / base, "%");
      }
      receiver.reset();
      receiver.trackTasks(true);
      Load.Outcome paced =
          Load.paced(h.api, h.key, h.projectId, 500, scaled(5_000), Duration.ofSeconds(60), 2_000);
      awaitDeliveries(receiver, paced.acks().size(), Duration.ofSeconds(60));
      latencies(r, "healthy at 500/s ", paced, receiver);
      if (latency != null) {
        r.put("healthy p99 vs scenario 3 p99", latency.get("p99"), "ms (scenario 3)");
      }
      r.put("attempts to the dead endpoint (connections)", dead.accepted(), "");
    }
    return r;
  }

  /**
   * (5) Backlog: the receiver stalls (accepts, answers nothing) while 100,000 deliveries queue,
   * then answers everything. The sender timeout is raised to 10 min for this run so the stalled
   * attempts stay in flight instead of failing into the retry schedule: the backlog is 100,000
   * deliveries that are all due at once, and the drain is measured from the moment the receiver
   * answers.
   */
  Report backlog() {
    Report r = new Report(dbName(), "5 backlog drain (100,000 deliveries)");
    try (FastReceiver receiver = new FastReceiver();
        Harness h =
            start(Map.of("VERK_WEBHOOKS_TIMEOUT", "10m", "VERK_WEBHOOKS_LEASE", "15m"), 10)) {
      for (int i = 0; i < 10; i++) {
        h.webhook(receiver.url("/hook/" + i), TASK_CREATED);
      }
      receiver.mode(FastReceiver.Mode.HOLD);
      Load.Outcome load =
          Load.closedLoop(
              h.api, h.key, h.projectId, clients, scaled(10_000), Duration.ofSeconds(300));
      int expected = load.acks().size() * 10;
      r.put("deliveries queued", expected, "");
      r.put("enqueue rate (API)", load.ackRate() * 10, "deliveries/s");
      ServerProcess.pause(3_000); // let the in-flight window fill
      long cpuBefore = h.server.cpuMillis();
      int heldAtRelease = receiver.heldCount();
      long released = System.nanoTime();
      receiver.release();
      awaitDeliveries(receiver, expected, Duration.ofSeconds(300));
      long[] arrivals = receiver.arrivalTimes();
      long last = arrivals.length == 0 ? released : arrivals[arrivals.length - 1];
      double seconds = (last - released) / 1e9;
      r.put("held in flight at release", heldAtRelease, "");
      r.put("drain time", seconds, "s");
      r.put(
          "drain rate (all / drain time)", receiver.distinctDelivered() / seconds, "deliveries/s");
      r.put("drain rate sustained (10-90%)", Stats.sustainedRate(arrivals), "deliveries/s");
      r.put("server CPU during drain", (h.server.cpuMillis() - cpuBefore) / 1000.0, "s");
      common(r, h, receiver, expected);
    }
    return r;
  }

  /** Organization A's webhooks in the noisy-neighbour scenario. */
  static final int NOISY_WEBHOOKS = 50;

  /** Organization B's open-loop rate in the noisy-neighbour scenario. */
  static final int NOISY_RATE = 50;

  /**
   * (7) Noisy neighbour: organization B sends 50 events/s to a fast endpoint, first alone, then
   * while organization A (another enterprise organization on the same server) has 10,000 deliveries
   * queued for 50 webhooks whose endpoint answers after 4 s. A can have at most its share in flight
   * (the per-organization limit, 64 by default), or half the node (256 of 512) that it borrows
   * while B is idle, so its backlog drains at 16 to 64 deliveries/s and is still there when B's
   * second run ends. Prints B's 201-to-arrival percentiles without and with A side by side, and
   * what A's endpoint saw.
   */
  Report noisyNeighbour() {
    Report r = new Report(dbName(), "7 noisy neighbour: organization B beside A's slow backlog");
    int events = scaled(3_000);
    int aTasks = Math.max(1, (scaled(10_000) + NOISY_WEBHOOKS - 1) / NOISY_WEBHOOKS);
    Duration paceLimit = Duration.ofSeconds(events / NOISY_RATE + 30);
    try (FastReceiver receiver = new FastReceiver();
        SlowEndpoint slow = new SlowEndpoint(Duration.ofSeconds(4));
        Harness h = start(Map.of(), 1)) {
      receiver.trackTasks(true);
      h.webhook(receiver.url("/b"), TASK_CREATED);

      // B alone: the baseline, on the same warmed-up server.
      Jitter jitterAlone = new Jitter();
      Load.Outcome alone =
          Load.paced(h.api, h.key, h.projectId, NOISY_RATE, events, paceLimit, 2_000);
      awaitDeliveries(receiver, alone.acks().size(), Duration.ofSeconds(60));
      jitterAlone.close();
      r.put(
          "B without A: events sent (50/s open loop)", alone.acks().size() + alone.failures(), "");
      r.put("B without A: API rate achieved", alone.ackRate(), "events/s");
      over(r, "B without A: ", latencies(r, "B without A: ", alone, receiver));
      jitter(r, "B without A: ", jitterAlone);

      // A: another organization, 50 webhooks on the slow endpoint, its backlog queued at once.
      Harness.Tenant a = h.organization();
      for (int i = 0; i < NOISY_WEBHOOKS; i++) {
        h.api.createWebhook(a.key(), slow.url("/a/" + i), TASK_CREATED);
      }
      Load.Outcome queued =
          Load.closedLoop(h.api, a.key(), a.projectId(), clients, aTasks, Duration.ofSeconds(120));
      int aDeliveries = queued.acks().size() * NOISY_WEBHOOKS;
      r.put("A: deliveries queued (50 webhooks, 4 s answers)", aDeliveries, "");
      r.put("A: queued in", queued.seconds(), "s");
      // Until A's share is on the wire (or 30 s): B then runs against a saturated organization.
      long fillDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int fill = Math.min(64, aDeliveries);
      while (slow.waiting() < fill && System.nanoTime() < fillDeadline) {
        ServerProcess.pause(50);
      }
      ServerProcess.pause(1_000);
      r.put("A: waiting at its endpoint when B starts", slow.waiting(), "");
      slow.resetPeak();
      long answeredBefore = slow.answered();
      long receivedBefore = slow.received();

      // B again, with A's backlog queued and its endpoint slow.
      Jitter jitterWithA = new Jitter();
      Load.Outcome noisy =
          Load.paced(h.api, h.key, h.projectId, NOISY_RATE, events, paceLimit, 2_000);
      awaitDeliveries(receiver, alone.acks().size() + noisy.acks().size(), Duration.ofSeconds(60));
      jitterWithA.close();
      r.put("B with A: events sent (50/s open loop)", noisy.acks().size() + noisy.failures(), "");
      r.put("B with A: API rate achieved", noisy.ackRate(), "events/s");
      over(r, "B with A: ", latencies(r, "B with A: ", noisy, receiver));
      jitter(r, "B with A: ", jitterWithA);
      r.put("A: in flight at its endpoint during B, peak", slow.peakWaiting(), "");
      r.put("A: answered (200 after 4 s) during B", slow.answered() - answeredBefore, "");
      r.put("A: requests received during B", slow.received() - receivedBefore, "");
      r.put("A: requests received in all (retries included)", slow.received(), "");
      r.put("A: refused (503, endpoint full)", slow.refused(), "");
      side(r);
      common(r, h, receiver, alone.acks().size() + noisy.acks().size());
    }
    return r;
  }

  /** How many samples took longer than the target, and how many of those over 100 ms. */
  private static void over(Report r, String prefix, double[] ms) {
    r.put(prefix + "samples over 50 ms", Arrays.stream(ms).filter(v -> v > 50).count(), "");
    r.put(prefix + "samples over 100 ms", Arrays.stream(ms).filter(v -> v > 100).count(), "");
  }

  /**
   * The machine's own delay over the same window: how late a 1 ms sleep in this process woke up. On
   * a shared machine a latency tail of the same size is scheduling, not the server.
   */
  private static void jitter(Report r, String prefix, Jitter j) {
    r.put(prefix + "machine: 1 ms sleep late by, p99", j.percentileMs(99), "ms");
    r.put(prefix + "machine: 1 ms sleep late by, max", j.percentileMs(100), "ms");
    r.put(prefix + "machine: sleeps late by > 50 ms", j.lateBeyond(50), "");
  }

  /** B's percentiles without and with A on one line each, beside the target. */
  private static void side(Report r) {
    String row = "%n          %-38s %10s %10s";
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT, "%-38s %10s %10s", "B, 201 to arrival", "without A", "with A"));
    for (String p : List.of("p50", "p95", "p99", "max")) {
      line.append(
          String.format(
              Locale.ROOT,
              row,
              "  " + p + " (ms)",
              Report.format(r.get("B without A: " + p)),
              Report.format(r.get("B with A: " + p))));
    }
    line.append(
        String.format(
            Locale.ROOT,
            row,
            "machine: 1 ms sleep late by, p99 (ms)",
            Report.format(r.get("B without A: machine: 1 ms sleep late by, p99")),
            Report.format(r.get("B with A: machine: 1 ms sleep late by, p99"))));
    double p99 = r.get("B with A: p99");
    line.append(
        String.format(
            Locale.ROOT,
            "%n          target: B's p99 with A < 50 ms: %s",
            Double.isNaN(p99) ? "not measured" : p99 < 50 ? "met" : "NOT met"));
    r.note(line.toString());
  }

  private void throughput(
      Report r, Harness h, FastReceiver receiver, Load.Outcome load, int fanOut) {
    int expected = load.acks().size() * fanOut;
    awaitDeliveries(receiver, expected, Duration.ofSeconds(120));
    long[] arrivals = receiver.arrivalTimes();
    r.put("events acknowledged (201)", load.acks().size(), "");
    r.put("API calls failed", load.failures(), "");
    r.put("API rate", load.ackRate(), "events/s");
    r.put("deliveries/s sustained (10-90%)", Stats.sustainedRate(arrivals), "deliveries/s");
    r.put(
        "deliveries/s overall (first send to last arrival)",
        Stats.overallRate(arrivals, load.startNanos()),
        "deliveries/s");
    if (load.firstError() != null) {
      r.note("first API error: " + load.firstError());
    }
    common(r, h, receiver, expected);
  }

  /** Puts the percentiles from 201 to arrival; returns the samples in milliseconds. */
  private static double[] latencies(
      Report r, String prefix, Load.Outcome load, FastReceiver receiver) {
    List<Double> values = new ArrayList<>();
    int missing = 0;
    List<VerkClient.Ack> acks = new ArrayList<>(load.acks());
    acks.sort((a, b) -> Long.compare(a.ackNanos(), b.ackNanos()));
    int warmup = acks.size() / 10; // the first 10% warm the JIT and connections
    for (int i = warmup; i < acks.size(); i++) {
      Long arrived = receiver.firstArrivalOfTask(acks.get(i).taskId());
      if (arrived == null) {
        missing++;
      } else {
        values.add((arrived - acks.get(i).ackNanos()) / 1e6);
      }
    }
    double[] ms = values.stream().mapToDouble(Double::doubleValue).toArray();
    r.put(prefix + "p50", Stats.percentile(ms, 50), "ms");
    r.put(prefix + "p95", Stats.percentile(ms, 95), "ms");
    r.put(prefix + "p99", Stats.percentile(ms, 99), "ms");
    r.put(prefix + "max", Stats.percentile(ms, 100), "ms");
    r.put(prefix + "samples (after 10% warm-up)", ms.length, "");
    r.put(prefix + "not arrived", missing, "");
    return ms;
  }

  private static void common(Report r, Harness h, FastReceiver receiver, int expected) {
    int delivered = receiver.distinctDelivered();
    r.put("deliveries expected", expected, "");
    r.put("distinct deliveries received", delivered, "");
    r.put("duplicates (same deliveryId twice)", receiver.duplicates(), "");
    r.put("missing at the end", Math.max(0, expected - delivered), "");
    int[] queue = h.queueState();
    r.put("server: still pending at the end (max 100/webhook)", queue[0], "");
    r.put("server: failed at the end (max 100/webhook)", queue[1], "");
    long cpu = h.cpuMillisSinceStart();
    r.put("server CPU time", cpu / 1000.0, "s");
    r.put(
        "server CPU per 1,000 deliveries",
        delivered == 0 ? Double.NaN : cpu * 1000.0 / delivered,
        "ms");
    r.put("server peak heap used (-Xmx512m)", h.server.peakHeapBytes() / 1048576.0, "MiB");
    r.put("server peak RSS", h.server.peakRssBytes() / 1048576.0, "MiB");
    r.put("delivery body size", receiver.lastBodySize(), "bytes");
  }

  /** Waits until {@code expected} distinct deliveries arrived, or nothing new came for 20 s. */
  static void awaitDeliveries(FastReceiver receiver, int expected, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    int seen = -1;
    long lastProgress = System.nanoTime();
    while (System.nanoTime() < deadline) {
      int now = receiver.distinctDelivered();
      if (now >= expected) {
        return;
      }
      if (now != seen) {
        seen = now;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(20).toNanos()) {
        return;
      }
      ServerProcess.pause(20);
    }
  }
}
