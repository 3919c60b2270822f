package com.verk.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.SqliteServerTest;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * {@code http.server.requests} comes from {@link RequestTimer}, once per request, tagged with the
 * route pattern; Spring's observation filter is off.
 */
class RequestTimerTest extends SqliteServerTest {

  @Autowired MeterRegistry registry;
  @Autowired ApplicationContext context;

  @Test
  void a_created_task_is_timed_once_under_its_route() {
    Tenant tenant = newTenant("pro");
    String project =
        tenant.api().post("/v1/projects", Map.of("name", "P")).json().path("id").asString();
    double before = count("POST", "/v1/tasks", "201");

    Api.Result created = tenant.api().post("/v1/tasks", Map.of("title", "T", "projectId", project));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    // Once per request (the timer is ours alone; Spring's would also carry an "error" tag).
    assertThat(count("POST", "/v1/tasks", "201")).isEqualTo(before + 1);
    Timer timer = timer("POST", "/v1/tasks", "201");
    assertThat(timer.getId().getTag("outcome")).isEqualTo("SUCCESS");
    assertThat(timer.getId().getTag("exception")).isEqualTo("none");
    assertThat(scrapeLines("http_server_requests_seconds_count"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("method=\"POST\"")
                    .contains("uri=\"/v1/tasks\"")
                    .contains("status=\"201\"")
                    .contains("outcome=\"SUCCESS\"")
                    .contains("exception=\"none\""));
  }

  @Test
  void an_unknown_path_is_tagged_not_found_without_its_raw_path() {
    Tenant tenant = newTenant("pro");
    String unknown = "no-such-path-" + UUID.randomUUID();
    double before = count("GET", "NOT_FOUND", "404");

    Api.Result missing = tenant.api().get("/v1/" + unknown);

    assertThat(missing.status()).as(missing.body()).isEqualTo(404);
    assertThat(count("GET", "NOT_FOUND", "404")).isEqualTo(before + 1);
    Timer timer = timer("GET", "NOT_FOUND", "404");
    assertThat(timer.getId().getTag("outcome")).isEqualTo("CLIENT_ERROR");
    assertThat(timer.getId().getTag("exception")).isEqualTo("NoResourceFoundException");
    assertThat(registry.find(RequestTimer.METRIC).timers())
        .allSatisfy(t -> assertThat(t.getId().getTag("uri")).doesNotContain(unknown));
    assertThat(scrape()).doesNotContain(unknown);
  }

  @Test
  void a_404_from_a_route_keeps_the_route_pattern() {
    Tenant tenant = newTenant("pro");
    double before = count("GET", "/v1/tasks/{id}", "404");

    Api.Result missing = tenant.api().get("/v1/tasks/tsk_" + UUID.randomUUID());

    assertThat(missing.status()).as(missing.body()).isEqualTo(404);
    assertThat(count("GET", "/v1/tasks/{id}", "404")).isEqualTo(before + 1);
    // The exception the API's problem handler turned into the 404.
    assertThat(timer("GET", "/v1/tasks/{id}", "404").getId().getTag("exception"))
        .isEqualTo("ApiException");
  }

  @Test
  void a_request_refused_before_any_route_matched_is_unknown() {
    double before = count("GET", "UNKNOWN", "401");

    Api.Result refused = anonymous().get("/v1/tasks");

    assertThat(refused.status()).isEqualTo(401);
    assertThat(count("GET", "UNKNOWN", "401")).isEqualTo(before + 1);
  }

  @Test
  void springs_observation_filter_is_not_installed() {
    anonymous().get("/actuator/health");

    assertThat(context.getBeansOfType(ServerHttpObservationFilter.class)).isEmpty();
    // Boot registers its ServerHttpObservationFilter through a FilterRegistrationBean.
    assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
        .noneMatch(r -> r.getFilter() instanceof ServerHttpObservationFilter);
    // Spring's DefaultMeterObservationHandler would add this long task timer next to the timer.
    assertThat(registry.find(RequestTimer.METRIC + ".active").meters()).isEmpty();
    assertThat(registry.find(RequestTimer.METRIC).meters())
        .isNotEmpty()
        .allSatisfy(
            m ->
                assertThat(tagKeys(m))
                    .contains("method", "uri", "status", "outcome", "exception")
                    .doesNotContain("error", "http.url"));
  }

  private double count(String method, String uri, String status) {
    Timer timer =
        registry
            .find(RequestTimer.METRIC)
            .tag("method", method)
            .tag("uri", uri)
            .tag("status", status)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  private Timer timer(String method, String uri, String status) {
    return registry
        .get(RequestTimer.METRIC)
        .tag("method", method)
        .tag("uri", uri)
        .tag("status", status)
        .timer();
  }

  private static List<String> tagKeys(Meter meter) {
    return meter.getId().getTags().stream().map(t -> t.getKey()).toList();
  }

  private String scrape() {
    Api.Result metrics = anonymous().get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    return metrics.body();
  }

  private List<String> scrapeLines(String prefix) {
    return scrape().lines().filter(l -> l.startsWith(prefix + "{")).toList();
  }
}
