package com.verk.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The ceiling: the same receiver loaded by a plain HTTP load generator (Jetty's client, keep-alive,
 * {@code concurrency} requests in flight) with bodies of the size Verk sends, no Verk in between.
 */
final class Ceiling {

  private Ceiling() {}

  record Result(int concurrency, int bodySize, int requests, double perSecond) {}

  static Result measure(int bodySize, int concurrency, int count, Duration limit) {
    try (FastReceiver receiver = new FastReceiver()) {
      HttpClient http = new HttpClient();
      QueuedThreadPool threads = new QueuedThreadPool(32, 4);
      threads.setDaemon(true);
      threads.setName("ceiling");
      http.setExecutor(threads);
      http.setMaxConnectionsPerDestination(concurrency);
      http.setMaxRequestsQueuedPerDestination(concurrency * 4);
      try {
        http.start();
        byte[] body = envelopeOfSize(bodySize);
        String url = receiver.url("/ceiling");
        run(http, url, body, concurrency, Math.min(count / 10, 2_000), limit); // warm-up
        receiver.reset();
        long start = System.nanoTime();
        int sent = run(http, url, body, concurrency, count, limit);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(concurrency, body.length, sent, receiver.distinctDelivered() / seconds);
      } finally {
        http.stop();
      }
    } catch (Exception e) {
      throw new IllegalStateException("ceiling measurement failed", e);
    }
  }

  private static int run(
      HttpClient http, String url, byte[] body, int concurrency, int count, Duration limit)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicInteger ids = new AtomicInteger();
    long deadline = System.nanoTime() + limit.toNanos();
    int sent = 0;
    for (; sent < count && System.nanoTime() < deadline; sent++) {
      inFlight.acquire();
      String id = "delivery_ceiling" + ids.incrementAndGet();
      http.newRequest(url)
          .method(HttpMethod.POST)
          .headers(h -> h.put("X-Verk-Delivery", id).put("X-Verk-Event", "task.created"))
          .body(new BytesRequestContent("application/json", body))
          .timeout(10, TimeUnit.SECONDS)
          .send(result -> inFlight.release());
    }
    inFlight.acquire(concurrency); // all answered
    inFlight.release(concurrency);
    return sent;
  }

  /** A body shaped like a task.created envelope, padded to {@code size} bytes. */
  static byte[] envelopeOfSize(int size) {
    String head =
        "{\"event\":\"task.created\",\"timestamp\":\"2026-01-01T00:00:00Z\","
            + "\"webhookId\":\"webhook_ceiling\",\"deliveryId\":\"delivery_ceiling\","
            + "\"data\":{\"id\":\"task_ceiling\",\"title\":\"";
    String tail = "\"},\"organization\":{\"id\":\"org_ceiling\",\"name\":\"Bench\"}}";
    int pad = Math.max(0, size - head.length() - tail.length());
    return (head + "x".repeat(pad) + tail).getBytes(StandardCharsets.UTF_8);
  }
}
