package com.verk.server.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.verk.server.testing.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The webhook endpoints of the cluster test, on loopback: {@code /ok/*} answers 200 at once, {@code
 * /slow/*} after a delay (so that some requests are in flight when a node dies), {@code /fail/*}
 * answers 500. Records every request by deliveryId: how often it came, and what it was about.
 */
final class ClusterReceiver implements AutoCloseable {

  /** What one delivery was about, from its body: the same for every repeat of it. */
  record Subject(String webhookId, String event, String objectId) {}

  private final HttpServer server;
  private final Duration slowness;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, Subject> subjects = new ConcurrentHashMap<>();
  private final Map<String, String> paths = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, Long> holding = new ConcurrentHashMap<>();

  ClusterReceiver(Duration slowness) {
    this.slowness = slowness;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      String header = exchange.getRequestHeaders().getFirst("X-Verk-Delivery");
      JsonNode json = Api.JSON.readTree(body);
      String deliveryId = json.path("deliveryId").asString();
      if (!deliveryId.equals(header)) {
        problems.add("X-Verk-Delivery " + header + " differs from the body's " + deliveryId);
      }
      Subject subject =
          new Subject(
              json.path("webhookId").asString(),
              json.path("event").asString(),
              json.path("data").path("id").asString());
      Subject earlier = subjects.putIfAbsent(deliveryId, subject);
      if (earlier != null && !earlier.equals(subject)) {
        problems.add("delivery " + deliveryId + " came as " + earlier + " and as " + subject);
      }
      paths.putIfAbsent(deliveryId, path);
      counts.computeIfAbsent(deliveryId, id -> new AtomicInteger()).incrementAndGet();
      requests.incrementAndGet();
      if (path.startsWith("/slow/")) {
        holding.put(deliveryId, System.nanoTime());
        try {
          // The endpoint's latency, not synchronisation: keeps requests in flight for a while.
          TimeUnit.MILLISECONDS.sleep(slowness.toMillis());
        } finally {
          holding.remove(deliveryId);
        }
      }
      int status = path.startsWith("/fail/") ? 500 : 200;
      exchange.sendResponseHeaders(status, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      problems.add("unreadable request: " + e);
      exchange.sendResponseHeaders(400, -1);
    } catch (IOException sendingFailed) {
      // the sending node died while we answered; it is recorded already
    }
  }

  /**
   * Deliveries whose request the slow endpoint has held for less than half its delay: they are sure
   * to be still on the wire a moment from now.
   */
  Set<String> freshlyHeld() {
    long now = System.nanoTime();
    long half = slowness.toNanos() / 2;
    return holding.entrySet().stream()
        .filter(e -> now - e.getValue() < half)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  int requests() {
    return requests.get();
  }

  /** Requests for this delivery so far (0 if it never came). */
  int count(String deliveryId) {
    AtomicInteger n = counts.get(deliveryId);
    return n == null ? 0 : n.get();
  }

  Set<String> deliveryIds() {
    return Set.copyOf(counts.keySet());
  }

  Subject subject(String deliveryId) {
    return subjects.get(deliveryId);
  }

  String path(String deliveryId) {
    return paths.get(deliveryId);
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
