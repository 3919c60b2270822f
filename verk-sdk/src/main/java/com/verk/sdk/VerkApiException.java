package com.verk.sdk;

import java.util.List;
import java.util.Map;

/**
 * The management API answered with an error (an RFC 9457 problem). {@link #code()} is Verk's stable
 * machine code, e.g. {@code validation_failed}, {@code not_found}, {@code plan_limit_reached},
 * {@code insufficient_scope}; {@link #errors()} names the invalid fields.
 */
public final class VerkApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * One invalid field of a {@code validation_failed} problem.
   *
   * @param field the field, e.g. {@code url}
   * @param message what is wrong with it, e.g. {@code must use https}
   */
  public record FieldError(String field, String message) {}

  /** The HTTP status. */
  private final int status;

  /** Verk's machine code. */
  private final String code;

  /** The problem title. */
  private final String title;

  /** The problem detail. */
  private final String detail;

  private final transient List<FieldError> errors;
  private final transient Map<String, Object> properties;

  VerkApiException(
      int status,
      String code,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, Object> properties) {
    super(message(status, code, detail, errors));
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.errors = List.copyOf(errors);
    this.properties = properties;
  }

  private static String message(int status, String code, String detail, List<FieldError> errors) {
    StringBuilder sb = new StringBuilder("HTTP ").append(status).append(' ').append(code);
    if (detail != null) {
      sb.append(": ").append(detail);
    }
    for (FieldError e : errors) {
      sb.append(" [").append(e.field()).append(": ").append(e.message()).append(']');
    }
    return sb.toString();
  }

  /**
   * Returns the HTTP status.
   *
   * @return e.g. 400
   */
  public int status() {
    return status;
  }

  /**
   * Returns Verk's machine-readable error code, or {@code http_<status>} if the response was not a
   * problem document.
   *
   * @return e.g. {@code validation_failed}
   */
  public String code() {
    return code;
  }

  /**
   * Returns the problem's short title.
   *
   * @return the title, or {@code null}
   */
  public String title() {
    return title;
  }

  /**
   * Returns the human-readable explanation.
   *
   * @return the detail, or {@code null}
   */
  public String detail() {
    return detail;
  }

  /**
   * Returns the invalid fields of a {@code validation_failed} problem.
   *
   * @return the field errors; empty for other problems
   */
  public List<FieldError> errors() {
    return errors;
  }

  /**
   * Returns another property of the problem, such as {@code scope} for {@code insufficient_scope}
   * or {@code plan} and {@code limit} for {@code plan_limit_reached}.
   *
   * @param name the property name
   * @return its parsed JSON value, or {@code null}
   */
  public Object property(String name) {
    return properties.get(name);
  }
}
