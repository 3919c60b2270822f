package com.verk.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import com.verk.server.testing.SqliteServerTest;
import org.junit.jupiter.api.Test;

/**
 * Requests that the HTTP firewall or the container find malformed are 400 problems like any other
 * bad input (cases first found by {@link HostileInputTest}).
 */
class MalformedRequestsTest extends SqliteServerTest {

  @Test
  void an_empty_query_parameter_name_is_a_400_problem() {
    Api.Result r = newTenant("free").api().get("/v1/webhooks?limit=&=0");
    HostileInputTest.assertProblem(r, r.body());
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void a_form_body_with_odd_parameter_names_is_a_4xx_problem() {
    for (String body : new String[] {"%20=1", "%E4%8B%9F%E7%88%9E=1", "=1&&=2", "%00=x"}) {
      Api.Result r =
          newTenant("free")
              .api()
              .send("POST", "/v1/webhooks", body, "application/x-www-form-urlencoded");
      HostileInputTest.assertProblem(r, body + " -> " + r.body());
      assertThat(r.status()).as(body).isBetween(400, 499);
    }
  }

  @Test
  void a_wildcard_content_type_is_a_415_problem() {
    Api.Result r = newTenant("free").api().send("POST", "/v1/webhooks", "{}", "*/*");
    HostileInputTest.assertProblem(r, r.body());
    assertThat(r.status()).isEqualTo(415);
  }

  @Test
  void an_encoded_semicolon_in_the_path_is_a_400_problem() {
    Api.Result r = newTenant("free").api().get("/v1/webhooks/a%3Bb");
    HostileInputTest.assertProblem(r, r.body());
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void an_encoded_backslash_in_the_path_is_a_4xx_problem() {
    Api.Result r = newTenant("free").api().get("/v1/webhooks/a%5Cb");
    HostileInputTest.assertProblem(r, r.body());
    assertThat(r.status()).isBetween(400, 499);
  }

  @Test
  void markup_in_a_path_id_is_a_4xx_problem() {
    Api.Result r =
        newTenant("free").api().get("/v1/webhooks/%3Cscript%3Ealert%281%29%3C%2Fscript%3E");
    HostileInputTest.assertProblem(r, r.body());
    assertThat(r.status()).isBetween(400, 499);
  }
}
