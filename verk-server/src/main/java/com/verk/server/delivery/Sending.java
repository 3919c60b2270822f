package com.verk.server.delivery;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Render, sign and send one attempt; the result is an {@link Attempt} ready to record. */
final class Sending {

  private final Clock clock;
  private final Envelope envelope;
  private final Signer signer;
  private final HttpSender sender;
  private final DeliveryMetrics metrics;

  Sending(
      Clock clock, Envelope envelope, Signer signer, HttpSender sender, DeliveryMetrics metrics) {
    this.clock = clock;
    this.envelope = envelope;
    this.signer = signer;
    this.sender = sender;
    this.metrics = metrics;
  }

  /** Never completes exceptionally. */
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
    return sender
        .send(job.url(), headers, body)
        .thenApply(
            outcome -> {
              metrics.attempt(outcome);
              return new Attempt(job, number, now, outcome, headers, owner);
            });
  }

  long timeoutMs() {
    return sender.timeoutMs();
  }

  Signer signer() {
    return signer;
  }

  Envelope envelope() {
    return envelope;
  }
}
