package com.verk.server.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.HandlerMethod;

/**
 * The problem responses of the OpenAPI document: which codes an operation can answer, with their
 * status and an example each. Every secured operation can answer 401, 403 insufficient_scope, 500
 * and 503; one with a body also 400 malformed_json and validation_failed, 413 and 415; one with a
 * path variable 404; the rest are named by {@link ProblemResponses} on the handler.
 */
public final class OpenApiDocs {

  /** The bearer security scheme's name in the document. */
  public static final String BEARER = "apiKey";

  /**
   * The one description of the operator tag: controllers in several packages carry it, and a tag
   * named twice with two descriptions makes the document invalid.
   */
  public static final String OPERATOR_TAG = "Operator";

  public static final String OPERATOR_TAG_DESCRIPTION =
      "Operator API (organizations, plans, secrets at rest); enabled by VERK_ADMIN_TOKEN";

  static final String PROBLEM_JSON = "application/problem+json";

  /** What each code means: its status, title and an example detail. */
  record Code(int status, String title, String detail) {}

  static final Map<String, Code> CODES =
      Map.ofEntries(
          Map.entry("validation_failed", new Code(400, "Validation failed", "url: must use https")),
          Map.entry(
              "malformed_json", new Code(400, "Malformed request", "The body is not valid JSON")),
          Map.entry("unauthorized", new Code(401, "Unauthorized", "A valid API key is required")),
          Map.entry(
              "insufficient_scope",
              new Code(403, "Insufficient scope", "This API key lacks the scope webhooks:write")),
          Map.entry(
              "plan_limit_reached",
              new Code(
                  403,
                  "Plan limit reached",
                  "The free plan allows 2 webhooks; upgrade the plan for more")),
          Map.entry("forbidden", new Code(403, "Forbidden", "This action is not allowed")),
          Map.entry("not_found", new Code(404, "Not found", "Webhook webhook_123 does not exist")),
          Map.entry(
              "conflict",
              new Code(
                  409,
                  "Conflict",
                  "Webhook webhook_123 is disabled; re-enable it with PATCH {\"active\":true}"
                      + " first")),
          Map.entry(
              "rate_limited",
              new Code(
                  429,
                  "Too many requests",
                  "Send Test is limited to 10 per minute per webhook; try again in a minute")),
          Map.entry(
              "payload_too_large",
              new Code(413, "Payload too large", "The body is larger than 1 MiB")),
          Map.entry(
              "unsupported_media_type",
              new Code(415, "Unsupported media type", "Send the body as application/json")),
          Map.entry(
              "internal_error",
              new Code(500, "Internal error", "An unexpected error occurred; nothing was applied")),
          Map.entry(
              "service_unavailable",
              new Code(
                  503,
                  "Service unavailable",
                  "The database is unavailable; the request was not applied. Try again in a few"
                      + " seconds")));

  private OpenApiDocs() {}

  /** Adds the problem responses {@code operation} can give, grouped by status. */
  static Operation addProblems(Operation operation, HandlerMethod handler) {
    Set<String> codes = new LinkedHashSet<>();
    boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
    boolean hasBody = operation.getRequestBody() != null;
    if (hasBody) {
      codes.addAll(List.of("validation_failed", "malformed_json"));
    }
    if (secured) {
      codes.add("unauthorized");
      boolean scoped =
          operation.getSecurity() != null
              && operation.getSecurity().stream()
                  .anyMatch(r -> r.values().stream().anyMatch(scopes -> !scopes.isEmpty()));
      if (scoped) {
        codes.add("insufficient_scope");
      }
    }
    ProblemResponses named = handler.getMethodAnnotation(ProblemResponses.class);
    if (named != null) {
      codes.addAll(Arrays.asList(named.value()));
    }
    if (Arrays.stream(handler.getMethodParameters())
        .anyMatch(p -> p.hasParameterAnnotation(PathVariable.class))) {
      codes.add("not_found");
    }
    if (hasBody) {
      codes.addAll(List.of("payload_too_large", "unsupported_media_type"));
    }
    codes.addAll(List.of("internal_error", "service_unavailable"));

    Map<Integer, List<String>> byStatus =
        codes.stream()
            .collect(
                Collectors.groupingBy(
                    code -> known(code).status(), TreeMap::new, Collectors.toList()));
    ApiResponses responses =
        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    byStatus.forEach(
        (status, list) -> responses.addApiResponse(String.valueOf(status), response(list)));
    return operation.responses(responses);
  }

  private static Code known(String code) {
    Code known = CODES.get(code);
    if (known == null) {
      throw new IllegalStateException("@ProblemResponses names an unknown code: " + code);
    }
    return known;
  }

  private static ApiResponse response(List<String> codes) {
    MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"));
    Map<String, Example> examples = new LinkedHashMap<>();
    for (String code : codes) {
      Code c = known(code);
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("type", "https://docs.verk.com/errors/" + code);
      value.put("title", c.title());
      value.put("status", c.status());
      value.put("detail", c.detail());
      value.put("code", code);
      if (code.equals("validation_failed")) {
        value.put("errors", List.of(Map.of("field", "url", "message", "must use https")));
      }
      examples.put(code, new Example().summary(c.title()).value(value));
    }
    media.setExamples(examples);
    String description =
        codes.stream()
            .map(code -> known(code).title() + " (" + code + ")")
            .collect(Collectors.joining("; "));
    return new ApiResponse()
        .description(description)
        .content(new Content().addMediaType(PROBLEM_JSON, media));
  }

  /**
   * Marks every property of every schema a 2xx response reaches as required: the API always sends
   * every field, with null for an absent optional value, and generated clients should know it.
   */
  @SuppressWarnings("rawtypes")
  static void requireResponseFields(OpenAPI openApi) {
    Map<String, Schema> schemas = openApi.getComponents().getSchemas();
    Set<String> reached = new TreeSet<>();
    Deque<Schema> todo = new ArrayDeque<>();
    openApi
        .getPaths()
        .values()
        .forEach(
            item ->
                item.readOperations()
                    .forEach(
                        op ->
                            op.getResponses()
                                .forEach(
                                    (status, response) -> {
                                      if (status.startsWith("2") && response.getContent() != null) {
                                        response
                                            .getContent()
                                            .values()
                                            .forEach(m -> todo.add(m.getSchema()));
                                      }
                                    })));
    while (!todo.isEmpty()) {
      Schema schema = todo.pop();
      if (schema == null) {
        continue;
      }
      if (schema.get$ref() != null) {
        String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
        if (reached.add(name) && schemas.get(name) != null) {
          todo.add(schemas.get(name));
        }
        continue;
      }
      if (schema.getItems() != null) {
        todo.add(schema.getItems());
      }
      if (schema.getProperties() != null) {
        ((Map<String, Schema>) schema.getProperties()).values().forEach(todo::add);
      }
    }
    for (String name : reached) {
      Schema schema = schemas.get(name);
      if (schema != null && schema.getProperties() != null) {
        schema.setRequired(
            new ArrayList<String>(new TreeSet<String>(schema.getProperties().keySet())));
      }
    }
  }
}
