package com.verk.server.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure of a {@code /v1} or {@code /admin} request into an RFC 9457 problem with a
 * stable {@code code}. Nothing reaches the client as a stack trace or a bare 500 page. Ordered
 * first: Boot's own ProblemDetailsExceptionHandler (order 0) would otherwise answer the standard
 * MVC exceptions without a {@code code} or the field name.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(basePackages = "com.verk.server")
class ProblemHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    return Problems.response(e);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodySizeLimitFilter.BodyTooLargeException) {
        return Problems.response(BodySizeLimitFilter.tooLarge());
      }
    }
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return Problems.response(
          ApiException.invalid(unknown.getPropertyName(), "is not a known field"));
    }
    if (cause instanceof DatabindException bind && !bind.getPath().isEmpty()) {
      return Problems.response(ApiException.invalid(path(bind), "has the wrong type or format"));
    }
    if (cause instanceof JacksonException || e.getMessage() != null) {
      String detail =
          cause instanceof JacksonException json
              ? "The body is not valid JSON: " + json.getOriginalMessage()
              : "The request body is missing or unreadable";
      return Problems.response(
          new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", "Malformed request", detail));
    }
    return Problems.response(
        new ApiException(
            HttpStatus.BAD_REQUEST, "malformed_json", "Malformed request", "Unreadable body"));
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
    List<ApiException.FieldError> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> new ApiException.FieldError(f.getField(), f.getDefaultMessage()))
            .toList();
    return Problems.response(ApiException.validation(errors));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
    return Problems.response(ApiException.invalid(e.getName(), "has the wrong type or format"));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParam(MissingServletRequestParameterException e) {
    return Problems.response(ApiException.invalid(e.getParameterName(), "is required"));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException e) {
    return Problems.response(ApiException.invalid(e.getRequestPartName(), "is required"));
  }

  // Tomcat refuses query strings it cannot decode (e.g. "=value" or bad %-escapes) when a
  // parameter is first read, which happens inside argument resolution.
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ProblemDetail> badQuery(InvalidParameterException e) {
    return Problems.response(
        new ApiException(
            HttpStatus.BAD_REQUEST,
            "bad_request",
            "Malformed query string",
            "The query string cannot be decoded"));
  }

  // The HTTP firewall checks parameter names lazily too, when a form body is first read (e.g. a
  // parameter named " " or "%00"): the client's fault, found by the reliability suite.
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
    return Problems.response(
        new ApiException(
            HttpStatus.BAD_REQUEST,
            "bad_request",
            "Malformed request",
            "The request's parameters cannot be accepted"));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
    return Problems.response(
        new ApiException(
            HttpStatus.CONTENT_TOO_LARGE,
            "payload_too_large",
            "Payload too large",
            "The upload exceeds the size limit"));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
    return Problems.response(
        new ApiException(
            HttpStatus.METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "Method not allowed",
            e.getMethod() + " is not supported here"));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return Problems.response(
        new ApiException(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Unsupported media type",
            "Send the body as application/json"));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return Problems.response(
        new ApiException(
            HttpStatus.NOT_ACCEPTABLE,
            "not_acceptable",
            "Not acceptable",
            "This resource is available as application/json"));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
    return Problems.response(
        new ApiException(
            HttpStatus.NOT_FOUND,
            "not_found",
            "Not found",
            "No such resource: /" + e.getResourcePath()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    if (DatabaseUnavailable.is(e)) {
      log.warn(
          "Database unavailable on {} {}: {}",
          request.getMethod(),
          request.getRequestURI(),
          e.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
          .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
          .body(Problems.detail(DatabaseUnavailable.problem()));
    }
    log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
    return Problems.response(
        new ApiException(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal_error",
            "Internal error",
            "Something went wrong on our side; the request was not applied"));
  }

  private static String path(DatabindException e) {
    StringBuilder out = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? "body" : out.toString();
  }
}
