package com.verk.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.ServerAccess;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What an operator and a load balancer see of one node, on either database. */
interface NodeHealthContract extends ServerAccess {

  /** "postgresql" or "sqlite": the database this server runs on. */
  String database();

  @Test
  default void health_reports_the_database_and_the_dispatcher_with_this_nodes_id() {
    Api.Result health = admin().get("/actuator/health");

    assertThat(health.status()).as(health.body()).isEqualTo(200);
    JsonNode components = health.json().path("components");
    // One entry per pool: the API's and the delivery engine's own.
    JsonNode db = components.path("db");
    assertThat(db.path("status").asString()).isEqualTo("UP");
    for (String pool : new String[] {"dataSource", "deliveryDataSource"}) {
      assertThat(db.path("components").path(pool).path("status").asString())
          .as(pool)
          .isEqualTo("UP");
      assertThat(db.path("components").path(pool).path("details").path("database").asString())
          .as(pool)
          .containsIgnoringCase(database());
    }
    JsonNode dispatcher = components.path("dispatcher");
    assertThat(dispatcher.path("status").asString()).as(health.body()).isEqualTo("UP");
    assertThat(dispatcher.path("details").path("node").asString()).isNotBlank();
    assertThat(dispatcher.path("details").path("running").asBoolean()).isTrue();
    assertThat(dispatcher.path("details").has("inFlight")).isTrue();
    assertThat(dispatcher.path("details").has("lastClaimAt")).isTrue();
    if (!database().equals("postgresql")) {
      assertThat(dispatcher.path("details").has("listen")).isFalse();
    }
  }

  @Test
  default void every_metric_carries_the_same_node_tag_as_the_health_details() {
    String node =
        admin()
            .get("/actuator/health")
            .json()
            .path("components")
            .path("dispatcher")
            .path("details")
            .path("node")
            .asString();
    String metrics = anonymous().get("/actuator/prometheus").body();

    Matcher jvm =
        Pattern.compile("jvm_memory_used_bytes\\{[^}]*node=\"([^\"]+)\"").matcher(metrics);
    assertThat(jvm.find()).as("node tag on a JVM metric").isTrue();
    assertThat(jvm.group(1)).isEqualTo(node);
    assertThat(metrics).contains("verk_deliveries_in_flight{").contains("node=\"" + node + "\"");
  }

  @Test
  default void liveness_and_readiness_probes_answer_up_without_a_key() {
    Api.Result liveness = anonymous().get("/actuator/health/liveness");
    Api.Result readiness = anonymous().get("/actuator/health/readiness");

    assertThat(liveness.status()).as(liveness.body()).isEqualTo(200);
    assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
    assertThat(liveness.json().has("components")).as("details are the operator's").isFalse();
    assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
    assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
    assertThat(admin().get("/actuator/health/liveness").json().path("components").has("dispatcher"))
        .isTrue();
    assertThat(admin().get("/actuator/health/readiness").json().path("components").has("db"))
        .isTrue();
  }
}
