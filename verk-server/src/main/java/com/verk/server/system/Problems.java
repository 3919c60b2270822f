package com.verk.server.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem bodies with Verk's stable {@code code}, for MVC handlers and filters alike. */
public final class Problems {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  /** The problem body for an exception: type, title, status, detail, code, errors. */
  public static ProblemDetail detail(ApiException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setType(URI.create("https://docs.verk.com/errors/" + e.code()));
    problem.setTitle(e.title());
    problem.setProperty("code", e.code());
    if (!e.errors().isEmpty()) {
      problem.setProperty(
          "errors",
          e.errors().stream()
              .map(f -> Map.of("field", f.field(), "message", f.message()))
              .toList());
    }
    e.properties().forEach(problem::setProperty);
    return problem;
  }

  /** A response entity carrying the problem. */
  public static ResponseEntity<ProblemDetail> response(ApiException e) {
    return ResponseEntity.status(e.status())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(detail(e));
  }

  /** Writes the problem directly, for servlet filters that run before Spring MVC. */
  public static void write(HttpServletResponse response, ApiException e) throws IOException {
    ProblemDetail problem = detail(e);
    response.setStatus(e.status().value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getOutputStream().write(JSON.writeValueAsBytes(problemMap(problem)));
  }

  private static Map<String, Object> problemMap(ProblemDetail problem) {
    var body = new java.util.LinkedHashMap<String, Object>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    if (problem.getProperties() != null) {
      body.putAll(problem.getProperties());
    }
    return body;
  }
}
