package com.verk.server.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A transport that does what the test says, one behaviour per request in order, then answers 200:
 * answer, throw, fail its future, or never answer (the engine's deadline must end those).
 */
final class ScriptedTransport implements Transport {

  private final ConcurrentLinkedQueue<Supplier<CompletableFuture<Outcome>>> script =
      new ConcurrentLinkedQueue<>();
  private final List<String> urls = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<Outcome>> pending = new CopyOnWriteArrayList<>();

  ScriptedTransport answer(int status) {
    script.add(
        () ->
            CompletableFuture.completedFuture(
                status >= 200 && status < 300
                    ? new Outcome.Delivered(status, "ok", 1)
                    : new Outcome.Failed(status, "no", 1)));
    return this;
  }

  /** A 429 or 503 (or any failure) carrying this {@code Retry-After} value. */
  ScriptedTransport answer(int status, String retryAfter) {
    script.add(
        () ->
            CompletableFuture.completedFuture(
                new Outcome.Failed(status, "busy", 1, RetryAfter.shown(retryAfter))));
    return this;
  }

  ScriptedTransport throwing() {
    script.add(
        () -> {
          throw new IllegalStateException("injected: the sender broke");
        });
    return this;
  }

  ScriptedTransport failingFuture() {
    script.add(
        () -> CompletableFuture.failedFuture(new IllegalStateException("injected: future failed")));
    return this;
  }

  ScriptedTransport hanging() {
    script.add(
        () -> {
          CompletableFuture<Outcome> never = new CompletableFuture<>();
          pending.add(never);
          return never;
        });
    return this;
  }

  /** URLs of every request started, in order. */
  List<String> urls() {
    return new ArrayList<>(urls);
  }

  /** Requests that were left hanging and were completed by somebody else (the deadline). */
  long abandoned() {
    return pending.stream().filter(CompletableFuture::isDone).count();
  }

  @Override
  public CompletableFuture<Outcome> send(String url, Map<String, String> headers, byte[] body) {
    urls.add(url);
    Supplier<CompletableFuture<Outcome>> next = script.poll();
    return next != null
        ? next.get()
        : CompletableFuture.completedFuture(new Outcome.Delivered(200, "ok", 1));
  }

  /** Answers every request still hanging (a test's end, so that stopping need not wait). */
  void release() {
    pending.forEach(f -> f.complete(new Outcome.Delivered(200, "released", 1)));
  }

  @Override
  public void close() {}
}
