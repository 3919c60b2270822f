package com.verk.server.system;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The one unchecked base exception of the server: it carries everything an RFC 9457 problem
 * response needs, so that any layer can refuse a request with a precise 4xx.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, Object> properties;

  public ApiException(
      HttpStatus status,
      String code,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, Object> properties) {
    super(detail);
    this.status = status;
    this.code = code;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.properties = Map.copyOf(properties);
  }

  public ApiException(HttpStatus status, String code, String title, String detail) {
    this(status, code, title, detail, List.of(), Map.of());
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, Object> properties() {
    return properties;
  }

  /** One invalid input field and what is wrong with it. */
  public record FieldError(String field, String message) {}

  /** 400 validation_failed naming the fields. */
  public static ApiException validation(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid";
    return new ApiException(
        HttpStatus.BAD_REQUEST, "validation_failed", "Validation failed", detail, errors, Map.of());
  }

  /** 400 validation_failed for one field. */
  public static ApiException invalid(String field, String message) {
    return validation(List.of(new FieldError(field, message)));
  }

  /** 404 not_found; also the answer for another organization's ids. */
  public static ApiException notFound(String what, String id) {
    return new ApiException(
        HttpStatus.NOT_FOUND, "not_found", "Not found", what + " " + id + " does not exist");
  }

  /** 409 conflict. */
  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
  }

  /** 429 rate_limited: the action is limited per period (e.g. Send Test per webhook). */
  public static ApiException rateLimited(String detail) {
    return new ApiException(
        HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "Too many requests", detail);
  }

  /** 403 forbidden, for rules other than scopes and plan limits. */
  public static ApiException forbidden(String detail) {
    return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
  }

  /** 403 insufficient_scope naming the missing scope. */
  public static ApiException insufficientScope(String scope) {
    return new ApiException(
        HttpStatus.FORBIDDEN,
        "insufficient_scope",
        "Insufficient scope",
        "This API key lacks the scope " + scope,
        List.of(),
        Map.of("scope", scope));
  }

  /** 403 plan_limit_reached naming plan and limit. */
  public static ApiException planLimit(String plan, int limit, String what) {
    return new ApiException(
        HttpStatus.FORBIDDEN,
        "plan_limit_reached",
        "Plan limit reached",
        "The " + plan + " plan allows " + limit + " " + what + "; upgrade the plan for more",
        List.of(),
        Map.of("plan", plan, "limit", limit));
  }
}
