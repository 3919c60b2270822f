package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a webhook's custom headers join Verk's on the wire. */
class CustomHeadersOnTheWireTest {

  @Test
  void verk_headers_win_and_a_reserved_name_in_a_stored_row_is_dropped() {
    Map<String, String> custom = new LinkedHashMap<>();
    custom.put("Authorization", "Bearer t");
    custom.put("x-verk-event", "forged"); // cannot pass the API; a row written around it
    custom.put("Host", "internal.example");
    Map<String, String> verk = Map.of("X-Verk-Event", "task.created", "webhook-id", "delivery_1");

    Map<String, String> wire = Sending.withCustom(custom, verk);

    assertThat(wire.get("X-Verk-Event")).isEqualTo("task.created");
    assertThat(wire.get("Authorization")).isEqualTo("Bearer t");
    assertThat(wire.get("webhook-id")).isEqualTo("delivery_1");
    assertThat(wire).doesNotContainKey("Host").doesNotContainValue("forged").hasSize(3);
    assertThat(Sending.withCustom(Map.of(), verk)).isSameAs(verk);
  }

  @Test
  void a_job_prints_no_secret_and_no_header_value() {
    Job job =
        new Job(
            "delivery_1",
            "webhook_1",
            "org_1",
            "Acme",
            "evt_1",
            "task.created",
            "{}",
            0L,
            false,
            0,
            0,
            null,
            "https://example.com",
            "signing-secret-value",
            null,
            null,
            true,
            Map.of("Authorization", "Bearer header-secret"),
            null,
            null);

    assertThat(job.toString())
        .contains("delivery_1")
        .doesNotContain("signing-secret-value")
        .doesNotContain("header-secret");
  }
}
