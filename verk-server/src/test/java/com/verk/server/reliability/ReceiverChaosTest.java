package com.verk.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.reliability.ChaosReceiver.Fault;
import com.verk.server.testing.Api;
import com.verk.server.testing.SqliteServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A receiver that answers 500, answers after the timeout, drops the connection, answers garbage, an
 * endless 1xx, an endless body, endless headers or a reset. With a short schedule (1 s timeout, six
 * 1 s retries) every delivery ends delivered, or failed after exactly the scheduled attempts; and
 * the delivery log records each attempt as it happened.
 */
@TestPropertySource(
    properties = {"verk.webhooks.timeout=1s", "verk.webhooks.retry-schedule=1s,1s,1s,1s,1s,1s"})
class ReceiverChaosTest extends SqliteServerTest {

  private static final int TASKS = 12;
  private static final List<Fault> EVERY_FAULT =
      List.of(
          Fault.ERROR_500,
          Fault.SLOW,
          Fault.DROP,
          Fault.GARBAGE,
          Fault.INFORMATIONAL,
          Fault.ENDLESS_BODY,
          Fault.ENDLESS_HEADERS,
          Fault.RESET);

  @Test
  void every_delivery_ends_delivered_or_failed_on_schedule_and_the_log_tells_the_truth() {
    Map<String, List<Fault>> plans = new HashMap<>();
    Random random = new Random(20261127);
    try (ChaosReceiver receiver =
        new ChaosReceiver(
            (request, attempt) -> {
              List<Fault> plan;
              synchronized (plans) {
                plan = plans.computeIfAbsent(request.deliveryId(), id -> planFor(request, random));
              }
              return attempt <= plan.size() ? plan.get(attempt - 1) : Fault.OK;
            },
            2_500)) {
      Api api = newTenant("pro").api();
      String webhookId =
          created(
                  api.post(
                      "/v1/webhooks",
                      Map.of("url", receiver.url("/chaos"), "events", List.of("task.created"))))
              .path("id")
              .asString();
      String projectId =
          created(api.post("/v1/projects", Map.of("name", "Chaos"))).path("id").asString();
      for (int i = 0; i < TASKS; i++) {
        String title = i == 0 ? "always-fail" : "chaos " + i;
        created(api.post("/v1/tasks", Map.of("title", title, "projectId", projectId)));
      }

      List<JsonNode> finished = awaitAllFinished(api, webhookId, Duration.ofSeconds(90));
      assertThat(finished).hasSize(TASKS);

      for (JsonNode summary : finished) {
        String deliveryId = summary.path("id").asString();
        JsonNode detail = ok(api.get("/v1/webhooks/" + webhookId + "/deliveries/" + deliveryId));
        List<ChaosReceiver.Attempt> seen = receiver.attemptsOf(deliveryId);
        JsonNode log = detail.path("attemptLog");
        String context = deliveryId + " faults " + faults(seen) + " log " + log;

        assertThat(log.size())
            .as("one log entry per attempt received: " + context)
            .isEqualTo(seen.size());
        assertThat(detail.path("attempts").asInt()).as(context).isEqualTo(seen.size());
        assertThat(summary.path("attempts").asInt()).as(context).isEqualTo(seen.size());
        boolean delivered = seen.get(seen.size() - 1).fault() == Fault.OK;
        if (delivered) {
          assertThat(summary.path("status").asString()).as(context).isEqualTo("succeeded");
          assertThat(summary.path("responseStatus").asInt()).as(context).isEqualTo(200);
        } else {
          assertThat(seen).as("a failing delivery gets exactly 1 + 6 attempts").hasSize(7);
          assertThat(summary.path("status").asString()).as(context).isEqualTo("failed");
          assertThat(summary.path("nextAttemptAt").isNull()).as(context).isTrue();
        }

        Instant previous = null;
        for (int i = 0; i < seen.size(); i++) {
          JsonNode entry = entryNumber(log, i + 1);
          assertThat(entry).as("attempt %d in %s", i + 1, context).isNotNull();
          assertAttemptMatches(entry, seen.get(i).fault(), context);
          Instant at = Instant.parse(entry.path("attemptedAt").asString());
          if (previous != null) {
            assertThat(Duration.between(previous, at))
                .as("retry %d waits the 1 s schedule: %s", i, context)
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
          }
          previous = at;
          assertThat(seen.get(i).body())
              .as("byte-identical body on every attempt")
              .isEqualTo(seen.get(0).body());
          assertThat(seen.get(i).headers().get("webhook-id")).isEqualTo(deliveryId);
        }
      }
      System.out.println("chaos: " + TASKS + " deliveries, attempts by fault " + tally(receiver));
    }
  }

  /** The first four deliveries meet one fault each; the rest up to three random ones. */
  private static List<Fault> planFor(ChaosReceiver.Attempt request, Random random) {
    String body = new String(request.body(), java.nio.charset.StandardCharsets.UTF_8);
    if (body.contains("always-fail")) {
      return List.of(
          Fault.ERROR_500,
          Fault.SLOW,
          Fault.INFORMATIONAL,
          Fault.ENDLESS_BODY,
          Fault.ENDLESS_HEADERS,
          Fault.RESET,
          Fault.GARBAGE);
    }
    List<Fault> plan = new ArrayList<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      plan.add(EVERY_FAULT.get(random.nextInt(EVERY_FAULT.size())));
    }
    return plan;
  }

  private static void assertAttemptMatches(JsonNode entry, Fault fault, String context) {
    String what = fault + " recorded as " + entry + " in " + context;
    switch (fault) {
      case OK -> {
        assertThat(entry.path("success").asBoolean()).as(what).isTrue();
        assertThat(entry.path("responseStatus").asInt()).as(what).isEqualTo(200);
      }
      case ERROR_500 -> {
        assertThat(entry.path("success").asBoolean()).as(what).isFalse();
        assertThat(entry.path("responseStatus").asInt()).as(what).isEqualTo(500);
        assertThat(entry.path("responseBody").asString()).as(what).contains("boom");
      }
      case SLOW, INFORMATIONAL -> {
        assertThat(entry.path("success").asBoolean()).as(what).isFalse();
        assertThat(entry.path("responseStatus").isNull()).as(what).isTrue();
        assertThat(entry.path("error").asString().toLowerCase())
            .as(what)
            .containsAnyOf("timeout", "timed out");
      }
      case ENDLESS_BODY -> {
        assertThat(entry.path("success").asBoolean()).as(what).isFalse();
        assertThat(entry.path("error").asString()).as(what).contains("larger than 64 KiB");
      }
      case ENDLESS_HEADERS -> {
        assertThat(entry.path("success").asBoolean()).as(what).isFalse();
        assertThat(entry.path("responseStatus").isNull()).as(what).isTrue();
        assertThat(entry.path("error").asString()).as(what).contains("invalid HTTP response");
      }
      case DROP, GARBAGE, RESET -> {
        assertThat(entry.path("success").asBoolean()).as(what).isFalse();
        assertThat(entry.path("responseStatus").isNull()).as(what).isTrue();
        assertThat(entry.path("error").asString()).as(what).isNotBlank();
      }
    }
  }

  private static JsonNode entryNumber(JsonNode log, int number) {
    for (JsonNode entry : log) {
      if (entry.path("number").asInt() == number) {
        return entry;
      }
    }
    return null;
  }

  /** Polls the delivery log (with a deadline) until no delivery is pending. */
  private static List<JsonNode> awaitAllFinished(Api api, String webhookId, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    List<JsonNode> last = List.of();
    while (System.nanoTime() < deadline) {
      JsonNode page = ok(api.get("/v1/webhooks/" + webhookId + "/deliveries?limit=100"));
      List<JsonNode> all = new ArrayList<>();
      page.path("data").forEach(all::add);
      last = all;
      if (all.size() == TASKS
          && all.stream().noneMatch(d -> d.path("status").asString().equals("pending"))) {
        return all;
      }
      pause();
    }
    throw new AssertionError("deliveries still pending after " + limit + ": " + last);
  }

  private static Map<Fault, Integer> tally(ChaosReceiver receiver) {
    Map<Fault, Integer> out = new java.util.EnumMap<>(Fault.class);
    receiver
        .all()
        .values()
        .forEach(list -> list.forEach(a -> out.merge(a.fault(), 1, Integer::sum)));
    return out;
  }

  private static List<Fault> faults(List<ChaosReceiver.Attempt> seen) {
    return seen.stream().map(ChaosReceiver.Attempt::fault).toList();
  }

  private static JsonNode created(Api.Result result) {
    assertThat(result.status()).as(result.body()).isEqualTo(201);
    return result.json();
  }

  private static JsonNode ok(Api.Result result) {
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    return result.json();
  }

  private static void pause() {
    try {
      Thread.sleep(200); // polling interval of a deadline-bounded wait, not synchronisation
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
