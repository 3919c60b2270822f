package com.verk.bench;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A slow but healthy webhook endpoint: every request is answered {@code 200} after a fixed delay.
 * No thread waits for a request: the handler returns at once and one timer thread completes the
 * response when the delay has passed, so thousands of slow requests cost a scheduled task each. At
 * most {@link #MAX_WAITING} requests wait at once; beyond that it answers 503 at once (bounded).
 */
public final class SlowEndpoint implements AutoCloseable {

  static final int MAX_WAITING = 10_000;

  private final Duration delay;
  private final Server server;
  private final ServerConnector connector;
  private final ScheduledExecutorService timer;
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger peakWaiting = new AtomicInteger();
  private final LongAdder received = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder refused = new LongAdder();

  public SlowEndpoint(Duration delay) {
    this.delay = delay;
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "slow-endpoint-timer");
              t.setDaemon(true);
              return t;
            });
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("slow-endpoint");
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
      throw new IllegalStateException("Slow endpoint did not start", e);
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + connector.getLocalPort() + path;
  }

  /** Requests received so far (attempts, retries included). */
  public long received() {
    return received.sum();
  }

  /** Requests answered 200 after the delay. */
  public long answered() {
    return answered.sum();
  }

  /** Requests waiting for their answer right now: the sender's requests in flight here. */
  public int waiting() {
    return waiting.get();
  }

  /** Most requests waiting at once since the last {@link #resetPeak()}. */
  public int peakWaiting() {
    return peakWaiting.get();
  }

  public void resetPeak() {
    peakWaiting.set(waiting.get());
  }

  /** Requests answered 503 because {@link #MAX_WAITING} were already waiting. */
  public long refused() {
    return refused.sum();
  }

  private final class Endpoint extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      received.increment();
      Content.Source.asString(request); // small bodies: already read with the headers
      int now = waiting.incrementAndGet();
      if (now > MAX_WAITING) {
        waiting.decrementAndGet();
        refused.increment();
        answer(response, callback, 503);
        return true;
      }
      peakWaiting.accumulateAndGet(now, Math::max);
      timer.schedule(
          () -> {
            waiting.decrementAndGet();
            answered.increment();
            answer(response, callback, 200);
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
      return true;
    }
  }

  private static void answer(Response response, Callback callback, int status) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
    callback.succeeded();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      server.stop();
    } catch (Exception e) {
      // best effort at the end of a run
    }
  }
}
