package com.verk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class FastReceiverTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static int post(FastReceiver receiver, String deliveryId, String body) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(receiver.url("/hook/0")))
                .header("X-Verk-Delivery", deliveryId)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void a_second_200_for_the_same_delivery_id_counts_as_a_duplicate() throws Exception {
    try (FastReceiver receiver = new FastReceiver()) {
      String body = "{\"event\":\"task.created\",\"data\":{\"id\":\"task_abc\",\"title\":\"x\"}}";
      assertThat(post(receiver, "delivery_1", body)).isEqualTo(200);
      assertThat(post(receiver, "delivery_1", body)).isEqualTo(200);
      assertThat(post(receiver, "delivery_2", body)).isEqualTo(200);

      assertThat(receiver.distinctDelivered()).isEqualTo(2);
      assertThat(receiver.duplicates()).isEqualTo(1);
      assertThat(receiver.duplicatedIds()).containsExactly("delivery_1");
      assertThat(receiver.arrivalTimes()).hasSize(2);
    }
  }

  @Test
  void an_unavailable_receiver_answers_503_and_counts_nothing_as_delivered() throws Exception {
    try (FastReceiver receiver = new FastReceiver()) {
      receiver.mode(FastReceiver.Mode.UNAVAILABLE);
      assertThat(post(receiver, "delivery_1", "{}")).isEqualTo(503);
      assertThat(receiver.distinctDelivered()).isZero();
      assertThat(receiver.requests()).isEqualTo(1);
    }
  }

  @Test
  void the_task_id_is_read_from_the_envelope_data() {
    assertThat(
            FastReceiver.taskId(
                "{\"event\":\"task.created\",\"webhookId\":\"webhook_1\",\"data\":{\"id\":\"task_x1\"}}"))
        .isEqualTo("task_x1");
    assertThat(FastReceiver.taskId("{\"event\":\"ping\"}")).isNull();
  }

  @Test
  void percentiles_use_the_nearest_rank_and_sustained_rate_ignores_the_tails() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i + 1;
    }
    assertThat(Stats.percentile(values, 50)).isEqualTo(50);
    assertThat(Stats.percentile(values, 99)).isEqualTo(99);
    assertThat(Stats.percentile(values, 100)).isEqualTo(100);

    long[] arrivals = new long[100];
    for (int i = 0; i < 100; i++) {
      arrivals[i] = i * 1_000_000L; // one per millisecond
    }
    arrivals[99] = 10_000_000_000L; // a straggler 10 s later does not count
    assertThat(Stats.sustainedRate(arrivals)).isBetween(999.0, 1001.0);
  }
}
