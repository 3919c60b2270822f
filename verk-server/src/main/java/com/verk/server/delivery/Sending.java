package com.verk.server.delivery;

import com.verk.server.webhooks.WebhookHeaders;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Render, sign and send one attempt under the engine's hard deadline; the result is an {@link
 * Attempt} ready to record. Whatever the peer does (an endless 1xx, trickled headers, a body that
 * never ends) and whatever the transport does (hang, throw), the attempt ends at the deadline as a
 * failure, and the transport is told to drop the connection.
 */
final class Sending implements AutoCloseable {

  private final Clock clock;
  private final Envelope envelope;
  private final Signer signer;
  private final Transport transport;
  private final DeliveryMetrics metrics;
  private final long budgetMs;
  private final ScheduledExecutorService deadlines;

  Sending(
      Clock clock,
      Envelope envelope,
      Signer signer,
      Transport transport,
      DeliveryMetrics metrics,
      long budgetMs) {
    this.clock = clock;
    this.envelope = envelope;
    this.signer = signer;
    this.transport = transport;
    this.metrics = metrics;
    this.budgetMs = budgetMs;
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = Executors.defaultThreadFactory().newThread(r);
              t.setName("verk-deadlines");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    this.deadlines = timer;
  }

  /** Never completes exceptionally, and always completes within the budget. */
  CompletableFuture<Attempt> send(Job job, String owner) {
    long now = clock.millis();
    int number = job.attempts() + 1;
    byte[] body;
    Map<String, String> headers;
    try {
      body = envelope.render(job);
      headers = signer.headers(job, body, now / 1000, job.secret(), job.previousSecretAt(now));
    } catch (RuntimeException e) {
      Outcome broken = new Outcome.ConnectionError("could not render the request: " + e, 0);
      metrics.attempt(broken);
      return CompletableFuture.completedFuture(
          new Attempt(job, number, now, broken, Map.of(), owner));
    }
    CompletableFuture<Outcome> call = start(job.url(), withCustom(job.headers(), headers), body);
    ScheduledFuture<?> deadline =
        deadlines.schedule(
            () -> call.complete(new Outcome.TimedOut(budgetMs, budgetMs)),
            budgetMs,
            TimeUnit.MILLISECONDS);
    return call.handle(
        (outcome, error) -> {
          deadline.cancel(false);
          Outcome result =
              error != null ? new Outcome.ConnectionError("internal error: " + error, 0) : outcome;
          metrics.attempt(result);
          return new Attempt(job, number, now, result, headers, owner);
        });
  }

  /**
   * What goes on the wire: the webhook's custom headers, then Verk's, which win on any clash. The
   * API refuses reserved names; one that reached the row some other way is dropped here. Only
   * Verk's are recorded in the delivery log: the custom values are secrets.
   */
  static Map<String, String> withCustom(Map<String, String> custom, Map<String, String> verk) {
    if (custom.isEmpty()) {
      return verk;
    }
    Map<String, String> wire = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    custom.forEach(
        (name, value) -> {
          if (!WebhookHeaders.isReserved(name)) {
            wire.put(name, value);
          }
        });
    wire.putAll(verk);
    return wire;
  }

  private CompletableFuture<Outcome> start(String url, Map<String, String> headers, byte[] body) {
    try {
      CompletableFuture<Outcome> call = transport.send(url, headers, body);
      return call != null
          ? call
          : CompletableFuture.completedFuture(
              new Outcome.ConnectionError("internal error: no request was started", 0));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          new Outcome.ConnectionError("internal error: " + e, 0));
    }
  }

  @Override
  public void close() {
    deadlines.shutdownNow();
    transport.close();
  }
}
