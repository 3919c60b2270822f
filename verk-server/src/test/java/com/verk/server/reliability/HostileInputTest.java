package com.verk.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.testing.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Random and hostile bodies, ids, query strings and headers against the public API of a running
 * server. Whatever arrives: never a 5xx, every 4xx is an application/problem+json with a code, a
 * rejected request writes nothing (row counts before and after), and one organization never gets
 * another's objects (a foreign id is a 404 and changes nothing).
 *
 * <p>Property-based in the plain-JUnit way: every property runs {@link #TRIES} cases drawn from a
 * seeded {@link Hostile} generator (the seed is printed and can be set to replay a failure).
 */
class HostileInputTest {

  static LiveServer server;
  static Fixtures mine;
  static Fixtures theirs;

  /** Cases per property; each case has its own seed, named in every assertion message. */
  private static final int TRIES = 200;

  private static final long SEED = Long.getLong("verk.hostile.seed", System.nanoTime());

  @BeforeAll
  static void start() {
    begin(LiveServer.start(null));
  }

  static void begin(LiveServer started) {
    System.out.println("HostileInputTest seed: " + SEED + " (rerun with -Dverk.hostile.seed=...)");
    server = started;
    mine = Fixtures.create(server.newTenant());
    theirs = Fixtures.create(server.newTenant());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A write endpoint, the fields its body knows, and the token it takes. */
  record Endpoint(String method, String path, List<String> fields, boolean admin) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** One hostile request: where it goes, its body and content type. */
  record Call(Endpoint endpoint, String body, String contentType) {}

  @Test
  void hostile_bodies_never_cause_a_5xx_or_a_partial_write() {
    forEachCase(g -> hostileBody(calls(g)));
  }

  private void hostileBody(Call call) {
    Map<String, Long> before = server.rowCounts();
    Api api = call.endpoint().admin() ? mine.api().withToken(LiveServer.ADMIN_TOKEN) : mine.api();
    Api.Result r =
        api.send(call.endpoint().method(), call.endpoint().path(), call.body(), call.contentType());
    String what =
        call.endpoint()
            + " "
            + abbreviate(call.body())
            + " -> "
            + r.status()
            + " "
            + abbreviate(r.body());
    assertProblemUnlessSuccess(r, what);
    if (r.status() >= 400) {
      assertThat(server.rowCounts()).as("nothing written by a rejected " + what).isEqualTo(before);
    }
  }

  @Test
  void hostile_ids_in_paths_are_4xx_problems_and_change_nothing() {
    forEachCase(g -> hostileId(idRoutes(g), hostileIds(g)));
  }

  private void hostileId(String route, String id) {
    Map<String, Long> before = server.rowCounts();
    String[] parts = route.split(" ", 2);
    String path = parts[1].replace("{id}", encode(id)).replace("{id2}", encode(id));
    String body = parts[0].equals("GET") || parts[0].equals("DELETE") ? null : "{}";
    Api.Result r = mine.api().send(parts[0], path, body, "application/json");
    String what = parts[0] + " " + path + " -> " + r.status() + " " + abbreviate(r.body());
    assertThat(r.status()).as(what).isBetween(400, 499);
    assertProblem(r, what);
    assertThat(server.rowCounts()).as("nothing written by " + what).isEqualTo(before);
  }

  @Test
  void hostile_query_strings_never_cause_a_5xx_or_show_foreign_data() {
    forEachCase(
        g ->
            hostileQuery(
                listRoutes(g), paramNames(g), paramValues(g), paramNames(g), paramValues(g)));
  }

  private void hostileQuery(String route, String name, String value, String name2, String value2) {
    String path =
        route
            + "?"
            + encode(name)
            + "="
            + encode(value)
            + "&"
            + encode(name2)
            + "="
            + encode(value2);
    Api.Result r = mine.api().get(path);
    String what = "GET " + path + " -> " + r.status() + " " + abbreviate(r.body());
    assertProblemUnlessSuccess(r, what);
    assertNoForeignIds(r, theirs, what);
  }

  @Test
  void hostile_authorization_headers_are_401_problems_or_see_only_their_own_data() {
    forEachCase(g -> hostileAuthorization(authorizations(g), listRoutes(g)));
  }

  private void hostileAuthorization(String authorization, String route) {
    Api.Result r = RawHttp.get(server.baseUrl + route, "Authorization", authorization);
    String what = "GET " + route + " with [" + abbreviate(authorization) + "] -> " + r.status();
    assertProblemUnlessSuccess(r, what);
    if (r.status() < 300) {
      boolean mineKey = authorization.contains(mine.api().token());
      boolean theirKey = authorization.contains(theirs.api().token());
      assertThat(mineKey || theirKey).as("only a real key is let in: " + what).isTrue();
      assertNoForeignIds(r, mineKey ? theirs : mine, what);
    } else if (authorization.length() > 4096) {
      // Tomcat refuses headers this large before any filter runs (as a problem, see above).
      assertThat(r.status()).as(what).isIn(400, 401, 431);
    } else {
      assertThat(r.status()).as(what).isIn(401, 403, 404);
    }
  }

  @Test
  void another_organizations_ids_are_404_and_change_nothing() {
    forEachCase(g -> foreignCall(foreignCalls(g)));
  }

  private void foreignCall(String call) {
    Map<String, Long> before = server.rowCounts();
    String theirWebhook = theirs.api().get("/v1/webhooks/" + theirs.webhookId()).body();
    String[] parts = call.split(" ", 3);
    String body = parts.length > 2 ? parts[2] : null;
    Api.Result r = mine.api().send(parts[0], parts[1], body, "application/json");
    String what = call + " -> " + r.status() + " " + abbreviate(r.body());
    if (theirs.ids().stream().anyMatch(parts[1]::contains)) {
      assertThat(r.status()).as(what).isEqualTo(404);
    } else {
      // their id inside the body of a call on my own collection: refused either way
      assertThat(r.status()).as(what).isIn(400, 404);
    }
    assertProblem(r, what);
    assertThat(server.rowCounts()).as("nothing written by " + what).isEqualTo(before);
    assertThat(theirs.api().get("/v1/webhooks/" + theirs.webhookId()).body())
        .as("their webhook unchanged after " + what)
        .isEqualTo(theirWebhook);
  }

  /** Runs {@code check} for {@link #TRIES} cases, each from its own seed, naming it on failure. */
  private static void forEachCase(Consumer<Hostile> check) {
    for (int i = 0; i < TRIES; i++) {
      long seed = SEED + i;
      try {
        check.accept(new Hostile(seed));
      } catch (AssertionError e) {
        throw new AssertionError("case seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  // --- assertions -------------------------------------------------------------------------

  static void assertProblemUnlessSuccess(Api.Result r, String what) {
    assertThat(r.status()).as("never a 5xx: " + what).isLessThan(500);
    if (r.status() >= 400) {
      assertProblem(r, what);
    }
  }

  static void assertProblem(Api.Result r, String what) {
    assertThat(r.header("Content-Type")).as(what).startsWith("application/problem+json");
    JsonNode json = r.json();
    assertThat(json.path("status").asInt()).as(what).isEqualTo(r.status());
    assertThat(json.path("code").asString()).as(what).isNotBlank();
  }

  private static void assertNoForeignIds(Api.Result r, Fixtures foreign, String what) {
    String body = r.body() == null ? "" : r.body();
    for (String id : foreign.ids()) {
      assertThat(body).as("another organization's id in " + what).doesNotContain(id);
    }
  }

  // --- generators -------------------------------------------------------------------------

  private static Call calls(Hostile g) {
    Endpoint e = g.pick(endpoints());
    return new Call(e, g.bodies(e.fields()), contentTypes(g));
  }

  private static List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>();
    all.add(
        new Endpoint(
            "POST", "/v1/webhooks", List.of("url", "events", "secret", "description"), false));
    all.add(new Endpoint("POST", "/v1/api-keys", List.of("name", "scopes"), false));
    all.add(new Endpoint("POST", "/v1/projects", List.of("name", "description"), false));
    all.add(
        new Endpoint(
            "POST",
            "/v1/tasks",
            List.of(
                "title", "projectId", "description", "status", "priority", "assigneeId", "dueDate"),
            false));
    all.add(new Endpoint("POST", "/v1/members", List.of("email", "name", "role"), false));
    all.add(
        new Endpoint(
            "POST",
            "/admin/v1/organizations",
            List.of("name", "plan", "ownerEmail", "ownerName"),
            true));
    if (mine.webhookId() != null) {
      String w = "/v1/webhooks/" + mine.webhookId();
      all.add(
          new Endpoint(
              "PATCH", w, List.of("url", "events", "description", "secret", "active"), false));
      all.add(new Endpoint("POST", w + "/rotate-secret", List.of("overlapSeconds"), false));
      all.add(new Endpoint("POST", w + "/recover", List.of("since"), false));
    }
    if (mine.projectId() != null) {
      all.add(
          new Endpoint(
              "PATCH", "/v1/projects/" + mine.projectId(), List.of("name", "description"), false));
    }
    if (mine.taskId() != null) {
      all.add(
          new Endpoint(
              "PATCH",
              "/v1/tasks/" + mine.taskId(),
              List.of("title", "description", "status", "priority", "assigneeId", "dueDate"),
              false));
      all.add(
          new Endpoint("POST", "/v1/tasks/" + mine.taskId() + "/comments", List.of("body"), false));
    }
    return all;
  }

  private static String contentTypes(Hostile g) {
    return g.nextInt(10) < 8
        ? "application/json"
        : g.pick(
            List.of(
                "text/plain",
                "application/xml",
                "application/json; charset=utf-16",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz",
                "application/problem+json",
                "*/*"));
  }

  private static String idRoutes(Hostile g) {
    return g.pick(
        List.of(
            "GET /v1/webhooks/{id}",
            "PATCH /v1/webhooks/{id}",
            "DELETE /v1/webhooks/{id}",
            "GET /v1/webhooks/{id}/deliveries",
            "GET /v1/webhooks/{id}/deliveries/{id2}",
            "POST /v1/webhooks/{id}/deliveries/{id2}/redeliver",
            "POST /v1/webhooks/{id}/rotate-secret",
            "POST /v1/webhooks/{id}/test",
            "POST /v1/webhooks/{id}/recover",
            "DELETE /v1/api-keys/{id}",
            "GET /v1/projects/{id}",
            "PATCH /v1/projects/{id}",
            "DELETE /v1/projects/{id}",
            "GET /v1/tasks/{id}",
            "PATCH /v1/tasks/{id}",
            "DELETE /v1/tasks/{id}",
            "GET /v1/tasks/{id}/comments"));
  }

  private static String hostileIds(Hostile g) {
    return g.nextInt(2) == 0 ? g.ids() : foreignIds(g);
  }

  private static String listRoutes(Hostile g) {
    List<String> routes =
        new ArrayList<>(
            List.of(
                "/v1/webhooks",
                "/v1/api-keys",
                "/v1/projects",
                "/v1/tasks",
                "/v1/members",
                "/v1/event-types"));
    if (mine.webhookId() != null) {
      routes.add("/v1/webhooks/" + mine.webhookId() + "/deliveries");
    }
    return g.pick(routes);
  }

  private static String paramNames(Hostile g) {
    return g.nextInt(2) == 0
        ? g.pick(
            List.of(
                "limit",
                "cursor",
                "status",
                "event",
                "projectId",
                "assigneeId",
                "since",
                "sort",
                "until",
                "deliveryId",
                "objectId"))
        : g.strings();
  }

  private static String paramValues(Hostile g) {
    return g.nextInt(2) == 0 ? g.queryValues() : foreignIds(g);
  }

  private static String authorizations(Hostile g) {
    String key = mine.api().token();
    return switch (g.nextInt(3)) {
      case 0 ->
          g.pick(
              List.of(
                  "",
                  "Bearer",
                  "Bearer ",
                  "Bearer  " + key,
                  "Basic " + key,
                  "Token " + key,
                  key,
                  "Bearer " + key + "x",
                  "Bearer " + key.substring(0, key.length() - 1),
                  "Bearer " + key.toUpperCase(),
                  "Bearer " + LiveServer.ADMIN_TOKEN,
                  "Bearer " + key,
                  "Bearer " + theirs.api().token(),
                  "Bearer vk_" + "0".repeat(40),
                  "Bearer " + "x".repeat(8_000)));
      case 1 -> "Bearer " + g.printableAscii();
      default -> g.printableAscii();
    };
  }

  /**
   * My key on their objects, each call with a body that would be accepted on my own object, so the
   * only thing wrong with it is whose object it is.
   */
  private static String foreignCalls(Hostile g) {
    List<String> calls = new ArrayList<>();
    String w = "/v1/webhooks/" + (theirs.webhookId() == null ? "webhook_none" : theirs.webhookId());
    calls.add("GET " + w);
    if (theirs.webhookId() != null) {
      calls.addAll(
          List.of(
              "PATCH " + w + " {\"description\":\"taken over\"}",
              "PATCH " + w + " {\"active\":false}",
              "PATCH " + w + " {\"url\":\"http://127.0.0.1:9/stolen\"}",
              "PATCH " + w + " {\"events\":[\"task.deleted\"]}",
              "DELETE " + w,
              "GET " + w + "/deliveries",
              "POST " + w + "/rotate-secret {}",
              "POST " + w + "/rotate-secret {\"overlapSeconds\":0}",
              "POST " + w + "/test {\"event\":\"task.created\"}",
              "POST " + w + "/recover {\"since\":\"2020-01-01T00:00:00Z\"}"));
    }
    if (theirs.deliveryId() != null) {
      calls.add("GET " + w + "/deliveries/" + theirs.deliveryId());
      calls.add("POST " + w + "/deliveries/" + theirs.deliveryId() + "/redeliver");
      // my own webhook with their delivery: still not mine
      calls.add("GET /v1/webhooks/" + mine.webhookId() + "/deliveries/" + theirs.deliveryId());
      calls.add(
          "POST /v1/webhooks/"
              + mine.webhookId()
              + "/deliveries/"
              + theirs.deliveryId()
              + "/redeliver");
    }
    if (theirs.keyId() != null) {
      calls.add("DELETE /v1/api-keys/" + theirs.keyId());
    }
    if (theirs.projectId() != null) {
      String p = "/v1/projects/" + theirs.projectId();
      calls.addAll(List.of("GET " + p, "PATCH " + p + " {\"name\":\"taken over\"}", "DELETE " + p));
      if (mine.projectId() != null) {
        // a task in my organization filed under their project
        calls.add("POST /v1/tasks {\"title\":\"x\",\"projectId\":\"" + theirs.projectId() + "\"}");
      }
    }
    if (theirs.taskId() != null) {
      String t = "/v1/tasks/" + theirs.taskId();
      calls.addAll(
          List.of(
              "GET " + t,
              "PATCH " + t + " {\"title\":\"taken over\",\"status\":\"done\"}",
              "DELETE " + t,
              "GET " + t + "/comments",
              "POST " + t + "/comments {\"body\":\"a comment on their task\"}"));
    }
    return g.pick(calls);
  }

  private static String foreignIds(Hostile g) {
    List<String> ids = theirs.ids();
    return ids.isEmpty() ? "webhook_000000000000000000000000" : g.pick(ids);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
  }
}
