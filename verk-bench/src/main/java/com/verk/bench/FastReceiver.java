package com.verk.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The fast webhook endpoint the benchmark measures at. It answers at once and does only cheap work
 * on the hot path: counts 2xx answers per {@code X-Verk-Delivery} (to see duplicates and losses),
 * records the first arrival time of each delivery and, when asked, of each task id in the body (for
 * the 201-to-arrival latency). The ceiling load uses this same class, so both pay the same costs.
 */
public final class FastReceiver implements AutoCloseable {

  /** How the endpoint answers. */
  public enum Mode {
    /** 200 at once. */
    OK,
    /** 503 at once (an outage that still answers). */
    UNAVAILABLE,
    /** Accepts the request and answers nothing until {@link #release()}: a stalled receiver. */
    HOLD
  }

  private static final int MAX_ARRIVALS = 2_000_000;
  private static final String TASK_MARKER = "\"data\":{\"id\":\"";

  private final Server server;
  private final ServerConnector connector;
  private final Map<String, AtomicInteger> okByDelivery = new ConcurrentHashMap<>(1 << 17);
  private final Map<String, Long> firstArrivalByTask = new ConcurrentHashMap<>(1 << 15);
  private final AtomicLongArray arrivals = new AtomicLongArray(MAX_ARRIVALS);
  private final AtomicInteger arrivalCount = new AtomicInteger();
  private final LongAdder requests = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
  private volatile Mode mode = Mode.OK;
  private volatile boolean trackTasks;
  private volatile int lastBodySize;

  private volatile Listener listener;

  /** Told of every delivery answered 200 (duplicates included), for tests that check each one. */
  @FunctionalInterface
  public interface Listener {
    void delivered(String path, String deliveryId, String taskId);
  }

  private record Held(
      String path, String deliveryId, String body, Response response, Callback callback) {}

  public FastReceiver() {
    QueuedThreadPool threads = new QueuedThreadPool(64, 8);
    threads.setName("receiver");
    threads.setDaemon(true);
    server = new Server(threads);
    connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    server.setHandler(new Endpoint());
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("Receiver did not start", e);
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + connector.getLocalPort() + path;
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  /** Also record arrival per task id (the latency scenarios). */
  public void trackTasks(boolean track) {
    this.trackTasks = track;
  }

  /** Answers 200 to every held request and switches to {@link Mode#OK}; returns how many. */
  public int release() {
    mode = Mode.OK;
    int n = 0;
    Held h;
    while ((h = held.poll()) != null) {
      accept(h.path(), h.deliveryId(), h.body(), System.nanoTime());
      ok(h.response(), h.callback());
      n++;
    }
    return n;
  }

  /** Aborts every held request without counting it, and switches to {@link Mode#OK}. */
  public int dropHeld() {
    mode = Mode.OK;
    int n = 0;
    Held h;
    while ((h = held.poll()) != null) {
      h.callback().failed(new java.io.IOException("dropped by the receiver"));
      n++;
    }
    return n;
  }

  public int heldCount() {
    return held.size();
  }

  /** Forgets everything counted so far (between phases). */
  public void reset() {
    okByDelivery.clear();
    firstArrivalByTask.clear();
    arrivalCount.set(0);
    requests.reset();
    duplicates.reset();
  }

  /** Distinct deliveries answered 200. */
  public int distinctDelivered() {
    return Math.min(arrivalCount.get(), MAX_ARRIVALS);
  }

  public long duplicates() {
    return duplicates.sum();
  }

  public long requests() {
    return requests.sum();
  }

  public int lastBodySize() {
    return lastBodySize;
  }

  public Long firstArrivalOfTask(String taskId) {
    return firstArrivalByTask.get(taskId);
  }

  /** First-arrival times (System.nanoTime) of the distinct deliveries, in arrival order. */
  public long[] arrivalTimes() {
    int n = distinctDelivered();
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = arrivals.get(i);
    }
    java.util.Arrays.sort(out);
    return out;
  }

  /** Delivery ids answered 200 more than once. */
  public List<String> duplicatedIds() {
    List<String> out = new ArrayList<>();
    okByDelivery.forEach(
        (id, n) -> {
          if (n.get() > 1) {
            out.add(id);
          }
        });
    return out;
  }

  public void listener(Listener listener) {
    this.listener = listener;
  }

  private void accept(String path, String deliveryId, String body, long now) {
    AtomicInteger count =
        okByDelivery.computeIfAbsent(
            deliveryId == null ? "missing-" + now : deliveryId, k -> new AtomicInteger());
    if (count.incrementAndGet() == 1) {
      int i = arrivalCount.getAndIncrement();
      if (i < MAX_ARRIVALS) {
        arrivals.set(i, now);
      }
    } else {
      duplicates.increment();
    }
    Listener l = listener;
    if (trackTasks || l != null) {
      String task = taskId(body);
      if (task != null && trackTasks) {
        firstArrivalByTask.putIfAbsent(task, now);
      }
      if (l != null) {
        l.delivered(path, deliveryId, task);
      }
    }
  }

  /** The data.id of the envelope, found by a plain scan (no JSON parsing on the hot path). */
  static String taskId(String body) {
    int at = body.indexOf(TASK_MARKER);
    if (at < 0) {
      return null;
    }
    int start = at + TASK_MARKER.length();
    int end = body.indexOf('"', start);
    return end < 0 ? null : body.substring(start, end);
  }

  private static void ok(Response response, Callback callback) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
    callback.succeeded();
  }

  private final class Endpoint extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      requests.increment();
      String body = Content.Source.asString(request, StandardCharsets.UTF_8);
      lastBodySize = body.length();
      String deliveryId = request.getHeaders().get("X-Verk-Delivery");
      String path = Request.getPathInContext(request);
      switch (mode) {
        case OK -> {
          accept(path, deliveryId, body, System.nanoTime());
          ok(response, callback);
        }
        case UNAVAILABLE -> {
          response.setStatus(503);
          response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
          callback.succeeded();
        }
        case HOLD -> {
          held.add(new Held(path, deliveryId, body, response, callback));
          if (mode == Mode.OK) {
            release(); // released while we were queuing: answer now
          }
        }
      }
      return true;
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // best effort at the end of a run
    }
  }
}
