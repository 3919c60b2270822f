package com.verk.server.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A webhook endpoint that misbehaves on purpose, on a raw socket so that it can do what a real
 * broken receiver does: answer 500, answer too late, close the connection without a word, or answer
 * bytes that are not HTTP. Each attempt is recorded with what was done to it.
 */
final class ChaosReceiver implements AutoCloseable {

  enum Fault {
    OK,
    ERROR_500,
    SLOW,
    DROP,
    GARBAGE,
    /** {@code 150} and then nothing: an informational answer that never turns into a final one. */
    INFORMATIONAL,
    /** {@code 200} and a chunked body without end. */
    ENDLESS_BODY,
    /** A status line and then headers without end. */
    ENDLESS_HEADERS,
    /** A TCP reset instead of an answer. */
    RESET
  }

  /** One attempt as the receiver saw it. */
  record Attempt(String deliveryId, Map<String, String> headers, byte[] body, Fault fault) {}

  private final ServerSocket socket;
  private final ExecutorService connections = Executors.newCachedThreadPool();
  private final Map<String, List<Attempt>> attempts = new ConcurrentHashMap<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final long slowMillis;
  private final BiFunction<Attempt, Integer, Fault> plan;

  /**
   * @param plan the fault for (request, attempt number starting at 1)
   * @param slowMillis how long a {@link Fault#SLOW} answer takes (longer than the sender timeout)
   */
  ChaosReceiver(BiFunction<Attempt, Integer, Fault> plan, long slowMillis) {
    this.plan = plan;
    this.slowMillis = slowMillis;
    try {
      socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "chaos-receiver");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  List<Attempt> attemptsOf(String deliveryId) {
    return new ArrayList<>(attempts.getOrDefault(deliveryId, List.of()));
  }

  Map<String, List<Attempt>> all() {
    return Map.copyOf(attempts);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        connections.execute(() -> serve(s));
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  /** Serves requests on one keep-alive connection until a fault or the peer closes it. */
  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (true) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (!readHead(in, headers)) {
          return;
        }
        byte[] body = readBody(in, headers);
        String deliveryId = headers.getOrDefault("X-Verk-Delivery", "none");
        List<Attempt> seen =
            attempts.computeIfAbsent(deliveryId, k -> new CopyOnWriteArrayList<>());
        Attempt probe = new Attempt(deliveryId, Map.copyOf(headers), body, Fault.OK);
        Fault fault;
        synchronized (seen) {
          fault = plan.apply(probe, seen.size() + 1);
          seen.add(new Attempt(deliveryId, Map.copyOf(headers), body, fault));
        }
        switch (fault) {
          case OK -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
          case ERROR_500 ->
              write(
                  out,
                  "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n"
                      + "Content-Length: 4\r\n\r\nboom");
          case SLOW -> {
            closing.await(slowMillis, TimeUnit.MILLISECONDS);
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            return;
          }
          case DROP -> {
            return; // close without answering
          }
          case GARBAGE -> {
            out.write(new byte[] {0, 1, 2, (byte) 0xff, 'n', 'o', 't', ' ', 'h', 't', 't', 'p'});
            out.write("\r\n\u0007garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return;
          }
          case INFORMATIONAL -> {
            write(out, "HTTP/1.1 150 X\r\n\r\n");
            closing.await(slowMillis, TimeUnit.MILLISECONDS);
            return;
          }
          case ENDLESS_BODY -> {
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk =
                ("400\r\n" + "x".repeat(1024) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (closing.getCount() > 0) {
              out.write(chunk); // until the sender stops reading and closes
            }
            return;
          }
          case ENDLESS_HEADERS -> {
            write(out, "HTTP/1.1 200 OK\r\n");
            byte[] header =
                "X-Again: 0123456789abcdef0123456789abcdef\r\n".getBytes(StandardCharsets.US_ASCII);
            while (closing.getCount() > 0) {
              out.write(header);
            }
            return;
          }
          case RESET -> {
            s.setSoLinger(true, 0);
            return; // closing with linger 0 sends a reset
          }
        }
      }
    } catch (IOException e) {
      // the sender gave up (timeout) or the connection broke: nothing to answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void write(OutputStream out, String response) throws IOException {
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads the request line and headers; false at a clean end of the connection. */
  private static boolean readHead(InputStream in, Map<String, String> headers) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0d0a0d0a) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
    }
    return true;
  }

  private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    String length = headers.get("Content-Length");
    if (length != null) {
      return in.readNBytes(Integer.parseInt(length.trim()));
    }
    String encoding = headers.getOrDefault("Transfer-Encoding", "");
    if (!encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      return new byte[0];
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        readLine(in); // the empty line after the last chunk (no trailers from our sender)
        return body.toByteArray();
      }
      body.write(in.readNBytes(size));
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    closing.countDown();
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    connections.shutdownNow();
  }
}
