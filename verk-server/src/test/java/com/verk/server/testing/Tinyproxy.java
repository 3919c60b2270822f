package com.verk.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real forward proxy for tests: Debian's tinyproxy (/usr/bin/tinyproxy) in the foreground on a
 * free loopback port, logging every request line it forwards ({@code POST http://…} for plain HTTP,
 * {@code CONNECT host:port} for tunnels) to a file the test reads. It adds a {@code Via: 1.1
 * tinyproxy} header to what it forwards, so a receiver can tell proxied requests from direct ones.
 */
public final class Tinyproxy implements AutoCloseable {

  public static final Path BINARY = Path.of("/usr/bin/tinyproxy");

  private final Process process;
  private final int port;
  private final Path log;

  private Tinyproxy(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Starts one and returns once it accepts connections. */
  public static Tinyproxy start() {
    IllegalStateException last = null;
    for (int i = 0; i < 3; i++) {
      try {
        return tryStart();
      } catch (IllegalStateException e) {
        last = e; // the free port was taken meanwhile: try another
      }
    }
    throw last;
  }

  private static Tinyproxy tryStart() {
    try {
      Path dir = Files.createTempDirectory("verk-tinyproxy-");
      int port;
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      Path log = dir.resolve("tinyproxy.log");
      Path conf = dir.resolve("tinyproxy.conf");
      Files.writeString(
          conf,
          String.join(
              "\n",
              "Port " + port,
              "Listen 127.0.0.1",
              "Timeout 10",
              "LogFile \"" + log + "\"",
              "LogLevel Info",
              "MaxClients 50",
              "Allow 127.0.0.1",
              ""));
      Process process =
          new ProcessBuilder(BINARY.toString(), "-d", "-c", conf.toString())
              .redirectErrorStream(true)
              .start();
      // Its startup messages go to stdout until the log file takes over: wait for the main loop,
      // or give up (the process is ended, so the read below returns) after 30 s.
      java.util.concurrent.CompletableFuture.delayedExecutor(
              30, java.util.concurrent.TimeUnit.SECONDS)
          .execute(
              () -> {
                if (!Files.exists(conf.resolveSibling("started"))) {
                  process.destroy();
                }
              });
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      String line;
      while ((line = out.readLine()) != null) {
        seen.append(line).append('\n');
        if (line.contains("Accepting connections")) {
          Files.createFile(conf.resolveSibling("started"));
          Thread drain = new Thread(() -> drain(out), "tinyproxy-stdout");
          drain.setDaemon(true);
          drain.start();
          return new Tinyproxy(process, port, log);
        }
      }
      throw new IllegalStateException("tinyproxy did not start:\n" + seen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // keep the pipe from filling up
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** {@code http://127.0.0.1:<port>}, the value of VERK_WEBHOOKS_PROXY. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * The request lines it has forwarded so far, e.g. {@code POST http://127.0.0.1:1234/hook
   * HTTP/1.1}.
   */
  public List<String> requests() {
    try {
      if (!Files.exists(log)) {
        return List.of();
      }
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(l -> l.contains("Request (file descriptor"))
          .map(l -> l.substring(l.indexOf("): ") + 3))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
  }
}
