package com.verk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * verk-server.jar as a child process ({@code java -jar}), on a data folder (SQLite) or a database
 * URL (PostgreSQL). Knows its pid, so it can read the process CPU time from /proc and be killed
 * with SIGKILL ({@link #kill()}), and samples the heap from the Prometheus endpoint.
 */
public final class ServerProcess implements AutoCloseable {

  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicLong peakHeap = new AtomicLong();
  private volatile boolean sampling;
  private Thread sampler;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** What to start. {@code env} holds the operator variables (VERK_*), PORT is added. */
  public record Config(Path jar, Map<String, String> env, List<String> jvmArgs, Path log) {}

  /** Starts the jar and waits (at most {@code startTimeout}) until /actuator/health answers. */
  public static ServerProcess start(Config config, Duration startTimeout) {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(config.jvmArgs());
    command.add("-jar");
    command.add(config.jar().toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = new LinkedHashMap<>(config.env());
    env.put("PORT", Integer.toString(port));
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(config.log().toFile()));
    try {
      ServerProcess server = new ServerProcess(builder.start(), port, config.log());
      server.awaitHealthy(startTimeout);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + config.jar(), e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  private void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "verk-server exited with " + process.exitValue() + " during start:\n" + logTail());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause(200);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "verk-server not healthy within " + timeout + ":\n" + logTail());
  }

  /** User + system CPU time of the server process so far, in milliseconds (from /proc). */
  public long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
      // fields after the parenthesised command name; utime and stime are fields 14 and 15
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Peak resident set size (VmHWM) in bytes, or -1. */
  public long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return -1;
  }

  /** Heap in use now (sum of the heap pools of jvm.memory.used), or -1. */
  public long heapUsedBytes() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return -1;
      }
      double sum = 0;
      for (String line : r.body().split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return (long) sum;
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Samples the heap every second in the background; {@link #peakHeapBytes()} reads the peak. */
  public synchronized void startHeapSampling() {
    if (sampler != null) {
      return;
    }
    sampling = true;
    sampler =
        new Thread(
            () -> {
              while (sampling && process.isAlive()) {
                long used = heapUsedBytes();
                peakHeap.accumulateAndGet(used, Math::max);
                pause(1_000);
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  public long peakHeapBytes() {
    return peakHeap.get();
  }

  /** SIGKILL: no shutdown hook, no graceful stop, in-flight work is lost by the process. */
  public void kill() {
    sampling = false;
    process.destroyForcibly();
    waitFor(30);
  }

  /** SIGTERM, then SIGKILL if still alive after 30 s. */
  @Override
  public void close() {
    sampling = false;
    if (process.isAlive()) {
      process.destroy();
      if (!waitFor(30)) {
        process.destroyForcibly();
        waitFor(10);
      }
    }
  }

  private boolean waitFor(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The last lines of the server's log, for error messages. */
  public String logTail() {
    return logTail(log);
  }

  static String logTail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log at " + log + ")";
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
