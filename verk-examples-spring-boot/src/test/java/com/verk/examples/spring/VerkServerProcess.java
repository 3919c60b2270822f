package com.verk.examples.spring;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * verk-server.jar as a child process on a fresh SQLite folder and a port of its own choosing, read
 * from its "Tomcat started on port" line (no port race, no polling). Ready once it printed the
 * first-start report (README "First start"): the bootstrap API key exists only from then on.
 */
public final class VerkServerProcess implements AutoCloseable {

  private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");
  private static final Pattern FIRST_START_DONE = Pattern.compile("^=+$");

  private final Process process;
  private final int port;
  private final List<String> log;

  private VerkServerProcess(Process process, int port, List<String> log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static VerkServerProcess start(Path jar, Path dataDir, Map<String, String> env) {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // Only what this test sets: a VERK_DATABASE_URL of the surrounding shell must not leak in.
    builder.environment().keySet().removeIf(name -> name.startsWith("VERK_"));
    builder.environment().putAll(env);
    builder.environment().put("VERK_DATA_DIR", dataDir.toString());
    builder.environment().put("PORT", "0");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + jar, e);
    }
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  log.add(line);
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
              lines.add("<exited>");
            },
            "verk-server-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Matcher port = awaitLine(STARTED, lines, log, deadline);
    awaitLine(FIRST_START_DONE, lines, log, deadline);
    return new VerkServerProcess(process, Integer.parseInt(port.group(1)), log);
  }

  private static Matcher awaitLine(
      Pattern pattern, BlockingQueue<String> lines, List<String> log, long deadline) {
    try {
      while (true) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null || line.equals("<exited>")) {
          throw new IllegalStateException(
              "verk-server did not start ("
                  + (line == null ? "timeout" : "exited")
                  + "):\n"
                  + tail(log));
        }
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String logTail() {
    return tail(log);
  }

  private static String tail(List<String> log) {
    synchronized (log) {
      return String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size()));
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
