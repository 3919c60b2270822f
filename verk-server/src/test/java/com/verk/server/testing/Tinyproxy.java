package com.verk.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
              .redirectOutput(dir.resolve("stdout.txt").toFile())
              .start();
      // tinyproxy gives no readiness signal we can wait on (its stdout is block-buffered when not
      // a terminal), so: connect until it accepts, it exits, or 30 s pass.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (process.isAlive() && System.nanoTime() < deadline) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
          return new Tinyproxy(process, port, log);
        } catch (IOException notYet) {
          process.waitFor(50, TimeUnit.MILLISECONDS);
        }
      }
      process.destroy();
      throw new IllegalStateException(
          "tinyproxy did not start:\n" + Files.readString(dir.resolve("stdout.txt")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
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
