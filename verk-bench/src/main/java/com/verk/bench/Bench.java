package com.verk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark's one command. Usage (from the repository root):
 *
 * <pre>
 * mvn -B -ntp -pl verk-bench -am package -DskipTests
 * java -jar verk-bench/target/verk-bench.jar [--postgres] [--scenario all|scale|single,fanout,latency,latency-low,isolation,backlog,noisy-neighbour,many-webhooks,many-orgs,long-history]
 *      [--scale 1.0] [--quick] [--clients 32] [--warmup 20000] [--jar verk-server/target/verk-server.jar] [--jfr]
 * </pre>
 *
 * {@code --help} prints the options and what each scenario does. Prints every figure, the ceiling
 * (the same receiver under a plain load generator) and the ratio, and writes them as Markdown to
 * {@code verk-bench/target/bench-results-<time>.md}; the scale scenarios also write their chart
 * points ({@code bench-points-<time>.csv}) and SVG charts ({@code bench-charts-<time>/}).
 */
public final class Bench {

  static final List<String> ALL =
      List.of(
          "single",
          "fanout",
          "latency",
          "latency-low",
          "isolation",
          "backlog",
          "noisy-neighbour",
          "many-webhooks",
          "many-orgs",
          "long-history");

  /**
   * The "cost as the work grows" scenarios (issue 20), run together with {@code --scenario scale}.
   */
  static final List<String> SCALE = List.of("many-webhooks", "many-orgs", "long-history");

  static final String USAGE =
      """
      usage: java -jar verk-bench/target/verk-bench.jar [options]
        --postgres                 SQLite, then PostgreSQL on 127.0.0.1:5432 (user postgres, trust)
        --postgres-only            PostgreSQL only
        --scenario all|a,b,...     which scenarios (default all):
            single           one webhook, 32 callers in a closed loop: max sustained deliveries/s
            fanout           ten webhooks, every event to all ten
            latency          one webhook at a fixed 500 events/s: 201-to-arrival p50/p95/p99
            latency-low      the same at 100 events/s
            isolation        a dead endpoint (5 s timeouts) beside a healthy webhook
            backlog          100,000 deliveries queued behind a stalled receiver, then the drain
            noisy-neighbour  organization B at 50 events/s to a fast endpoint, without and then
                             with organization A's 10,000 deliveries queued for 50 webhooks whose
                             endpoint answers after 4 s: B's p50/p95/p99 side by side
                             (target on SQLite: B's p99 with A under 50 ms)
            many-webhooks    one organization with 1, 100, 1,000, 10,000 webhooks (up to
                             100,000 x scale): one event to all of them, time to the last
                             arrival, CPU per delivery, GET /v1/webhooks page p50/p99; at the
                             largest, again beside another organization's hanging webhooks
            many-orgs        1, 100, 10,000 organizations (up to 100,000 x scale), a webhook
                             each, events spread evenly: deliveries/s and p99 at 200 events/s
            long-history     0, 1 M and 10 M stored deliveries (x scale, written by SQL):
                             delivery-log page p99, p99 at 100 events/s before and during the
                             retention purge, the purge's rate, fan-out deliveries/s
            scale            the three above
        --scale 1.0                fewer or more events (--quick = 0.02, a smoke test)
        --clients 32               concurrent API callers in the closed loops
        --warmup 20000             tasks before each scenario (default 20,000 x scale; 0 = cold)
        --jar path                 the server jar (default verk-server/target/verk-server.jar)
        --jfr                      a Java Flight Recording of the server per scenario
        --server-jvm-arg -Dx=y     an extra JVM argument for the server (repeatable)
        --ceiling-only             only the receiver's ceiling, no server
        --charts-from a.csv,b.csv  no run: draw the charts of earlier runs' points files together
        --charts-dir dir           where the charts go (default: next to the results)
        --help                     this text
      """;

  /** Tasks created before each scenario to warm the server up (times --scale). */
  static final int DEFAULT_WARM_UP = 20_000;

  private Bench() {}

  public static void main(String[] args) throws IOException {
    Path jar = null;
    List<Harness.Db> dbs = new ArrayList<>(List.of(Harness.Db.SQLITE));
    Set<String> scenarios = new LinkedHashSet<>(ALL);
    double scale = 1.0;
    int clients = 32;
    Integer warmUp = null;
    boolean jfr = false;
    List<String> serverArgs = new ArrayList<>();
    List<Path> chartsFrom = new ArrayList<>();
    Path chartsDir = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--postgres" -> dbs.add(Harness.Db.POSTGRES);
        case "--postgres-only" -> dbs = new ArrayList<>(List.of(Harness.Db.POSTGRES));
        case "--scenario" -> scenarios = parseScenarios(args[++i]);
        case "--scale" -> scale = Double.parseDouble(args[++i]);
        case "--quick" -> scale = 0.02;
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--warmup" -> warmUp = Integer.parseInt(args[++i]);
        case "--jar" -> jar = Path.of(args[++i]);
        case "--jfr" -> jfr = true;
        case "--ceiling-only" -> dbs.clear();
        case "--server-jvm-arg" -> serverArgs.add(args[++i]);
        case "--charts-from" -> {
          for (String f : args[++i].split(",")) {
            chartsFrom.add(Path.of(f.trim()));
          }
        }
        case "--charts-dir" -> chartsDir = Path.of(args[++i]);
        case "--help", "-h" -> {
          System.out.print(USAGE);
          return;
        }
        default -> {
          System.err.println("unknown option " + args[i]);
          System.err.print(USAGE);
          System.exit(2);
        }
      }
    }
    if (!chartsFrom.isEmpty()) {
      List<Report.Point> points = new ArrayList<>();
      for (Path f : chartsFrom) {
        points.addAll(SvgChart.fromCsv(Files.readString(f)));
      }
      Path dir = chartsDir != null ? chartsDir : Path.of(".");
      SvgChart.writeAll(points, dir).forEach(p -> System.out.println("chart " + p));
      return;
    }
    jar = jar != null ? jar : dbs.isEmpty() ? Path.of("none") : findServerJar();
    int warmUpTasks = warmUp != null ? warmUp : (int) Math.round(DEFAULT_WARM_UP * scale);
    Path workDir = Files.createTempDirectory("verk-bench-");
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    StringBuilder out = new StringBuilder();
    out.append(Machine.describe(started, jar, scale, clients)).append('\n');
    out.append(
            String.format(
                Locale.ROOT,
                "warm-up: %,d tasks through webhooks of their own (as many as the scenario has)"
                    + " before each scenario, not counted%n",
                warmUpTasks))
        .append('\n');
    System.out.print(out);

    List<Report> reports = new ArrayList<>();
    for (Harness.Db db : dbs) {
      List<String> jvm = new ArrayList<>();
      Scenarios s = new Scenarios(jar, db, scale, clients, jvm, workDir, warmUpTasks);
      ScaleScenarios grow = new ScaleScenarios(jar, db, scale, clients, jvm, workDir, warmUpTasks);
      for (String name : scenarios) {
        jvm.clear();
        jvm.addAll(serverArgs);
        if (jfr) {
          jvm.add(
              "-XX:StartFlightRecording=filename="
                  + workDir.resolve(db.name().toLowerCase(Locale.ROOT) + "-" + name + ".jfr")
                  + ",settings=profile");
        }
        Report r = run(s, grow, name, db);
        reports.add(r);
        System.out.print(r.render());
        System.out.flush();
      }
    }

    int bodySize =
        (int)
            reports.stream()
                .mapToDouble(r -> r.get("delivery body size"))
                .filter(v -> !Double.isNaN(v) && v > 0)
                .max()
                .orElse(700);
    System.out.println(
        "Ceiling: same receiver, plain Jetty HTTP client, " + bodySize + " B bodies");
    Ceiling.Result c32 = Ceiling.measure(bodySize, 32, 200_000, Duration.ofSeconds(20));
    Ceiling.Result c320 = Ceiling.measure(bodySize, 320, 200_000, Duration.ofSeconds(20));
    double ceiling = Math.max(c32.perSecond(), c320.perSecond());
    String ceilingText =
        String.format(
            Locale.ROOT,
            "ceiling: %,.0f req/s at 32 in flight, %,.0f req/s at 320 in flight (%d B bodies)%n",
            c32.perSecond(),
            c320.perSecond(),
            bodySize);
    System.out.print(ceilingText);
    for (Report r : reports) {
      double rate =
          !Double.isNaN(r.get("deliveries/s sustained (10-90%)"))
              ? r.get("deliveries/s sustained (10-90%)")
              : r.get("drain rate sustained (10-90%)");
      if (!Double.isNaN(rate)) {
        r.put("share of the ceiling (" + Report.format(ceiling) + "/s)", 100 * rate / ceiling, "%");
      }
    }

    out.append("```\n").append(ceilingText);
    for (Report r : reports) {
      out.append(r.render());
    }
    out.append(Machine.loadNow()).append("\n```\n\n");
    out.append(Summary.targets(reports));
    System.out.println();
    System.out.print(Summary.targets(reports));
    StringBuilder tables = new StringBuilder();
    List<Report.Point> points = new ArrayList<>();
    for (Report r : reports) {
      for (String t : r.tables) {
        tables.append("\n#### ").append(r.scenario).append(" (").append(r.db).append(")\n\n");
        tables.append(t);
      }
      points.addAll(r.points);
    }
    out.append(tables);
    System.out.print(tables);
    String stamp = started.toString().replace(':', '-');
    Path folder =
        Path.of(Files.isDirectory(Path.of("verk-bench/target")) ? "verk-bench/target" : ".");
    Path results = folder.resolve("bench-results-" + stamp + ".md");
    Files.writeString(results, out.toString(), StandardCharsets.UTF_8);
    System.out.println("results written to " + results.toAbsolutePath());
    if (!points.isEmpty()) {
      Path csv = folder.resolve("bench-points-" + stamp + ".csv");
      Files.writeString(csv, SvgChart.toCsv(points), StandardCharsets.UTF_8);
      System.out.println("chart points written to " + csv.toAbsolutePath());
      Path dir = chartsDir != null ? chartsDir : folder.resolve("bench-charts-" + stamp);
      SvgChart.writeAll(points, dir)
          .forEach(p -> System.out.println("chart " + p.toAbsolutePath()));
    }
    if (jfr) {
      System.out.println("flight recordings in " + workDir);
    } else {
      deleteTree(workDir);
    }
  }

  /** Removes a folder of this run (data folders are removed per scenario already). */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not remove " + root + ": " + e.getMessage());
    }
  }

  private static Report run(Scenarios s, ScaleScenarios grow, String name, Harness.Db db) {
    try {
      return switch (name) {
        case "single" -> s.single();
        case "fanout" -> s.fanOut();
        case "latency" -> s.latency();
        case "latency-low" -> s.latencyLow();
        case "isolation" -> s.isolation();
        case "backlog" -> s.backlog();
        case "noisy-neighbour" -> s.noisyNeighbour();
        case "many-webhooks" -> grow.manyWebhooks();
        case "many-orgs" -> grow.manyOrgs();
        case "long-history" -> grow.longHistory();
        default -> throw new IllegalArgumentException(name);
      };
    } catch (RuntimeException e) {
      e.printStackTrace();
      return new Report(db.name().toLowerCase(Locale.ROOT), name)
          .note("scenario could not run: " + e.getMessage());
    }
  }

  private static Set<String> parseScenarios(String value) {
    if (value.equals("all")) {
      return new LinkedHashSet<>(ALL);
    }
    if (value.equals("scale")) {
      return new LinkedHashSet<>(SCALE);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String s : value.split(",")) {
      if (!ALL.contains(s.trim())) {
        throw new IllegalArgumentException("unknown scenario " + s + ", expected one of " + ALL);
      }
      out.add(s.trim());
    }
    return out;
  }

  static Path findServerJar() {
    for (String candidate :
        List.of("verk-server/target/verk-server.jar", "../verk-server/target/verk-server.jar")) {
      Path p = Path.of(candidate);
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new IllegalStateException(
        "verk-server/target/verk-server.jar not found: run"
            + " `mvn -B -ntp -pl verk-bench -am package -DskipTests` first, or pass --jar");
  }
}
