package com.verk.server.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The engine's meters, tagged with the node id: attempts by outcome, attempt latency (with a
 * histogram for percentiles), in-flight requests, and two sampled gauges (due deliveries and
 * disabled webhooks) that a background job refreshes so that a scrape never counts rows.
 */
final class DeliveryMetrics {

  private final MeterRegistry registry;
  private final String node;
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Timer latency;
  private final AtomicLong due = new AtomicLong();
  private final AtomicLong disabled = new AtomicLong();

  DeliveryMetrics(MeterRegistry registry, String node, IntSupplier inFlight) {
    this.registry = registry;
    this.node = node;
    this.latency =
        Timer.builder("verk.delivery.attempt.duration")
            .description("Time from sending a webhook request to its complete response")
            .tag("node", node)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    Gauge.builder("verk.deliveries.in.flight", inFlight::getAsInt)
        .description("Webhook requests currently in flight on this node")
        .tag("node", node)
        .register(registry);
    Gauge.builder("verk.deliveries.due", due::get)
        .description("Pending deliveries that are due now (sampled)")
        .tag("node", node)
        .register(registry);
    Gauge.builder("verk.webhooks.disabled", disabled::get)
        .description("Webhooks disabled by the failure rule or by hand (sampled)")
        .tag("node", node)
        .register(registry);
  }

  void attempt(Outcome outcome) {
    outcomes
        .computeIfAbsent(
            outcome.kind(),
            kind ->
                Counter.builder("verk.delivery.attempts")
                    .description("Delivery attempts by outcome")
                    .tag("node", node)
                    .tag("outcome", kind)
                    .register(registry))
        .increment();
    latency.record(outcome.responseTimeMs(), TimeUnit.MILLISECONDS);
  }

  void sampled(long dueNow, long disabledNow) {
    due.set(dueNow);
    disabled.set(disabledNow);
  }
}
