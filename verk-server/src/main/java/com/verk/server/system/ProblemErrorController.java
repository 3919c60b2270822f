package com.verk.server.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Boot's default error endpoint: failures that happen before a controller runs (a URL the
 * firewall rejects, a servlet error) are answered as problems with a stable code like everything
 * else, never as Boot's ad-hoc JSON or a stack trace.
 */
@Controller
class ProblemErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<?> error(HttpServletRequest request) {
    HttpStatus status = status(request);
    ApiException problem =
        new ApiException(status, code(status), status.getReasonPhrase(), detail(status));
    if (wantsHtml(request)) {
      return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html(problem));
    }
    ProblemDetail body = Problems.detail(problem);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  private static HttpStatus status(HttpServletRequest request) {
    if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
        && DatabaseUnavailable.is(failure)) {
      return HttpStatus.SERVICE_UNAVAILABLE;
    }
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (code == null) {
      // Asked for directly (GET /error), not forwarded by a failure: there is no such resource.
      return HttpStatus.NOT_FOUND;
    }
    HttpStatus status =
        code instanceof Integer value
            ? HttpStatus.resolve(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }

  public static String code(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "bad_request";
      case UNAUTHORIZED -> "unauthorized";
      case FORBIDDEN -> "forbidden";
      case NOT_FOUND -> "not_found";
      case METHOD_NOT_ALLOWED -> "method_not_allowed";
      case CONTENT_TOO_LARGE -> "payload_too_large";
      case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
      case REQUEST_HEADER_FIELDS_TOO_LARGE -> "headers_too_large";
      case SERVICE_UNAVAILABLE -> "service_unavailable";
      default -> status.is5xxServerError() ? "internal_error" : "bad_request";
    };
  }

  private static String detail(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "The request is malformed or its URL contains characters we refuse";
      case NOT_FOUND -> "No such resource";
      case SERVICE_UNAVAILABLE -> DatabaseUnavailable.problem().getMessage();
      default ->
          status.is5xxServerError()
              ? "Something went wrong on our side; the request was not applied"
              : status.getReasonPhrase();
    };
  }

  private static boolean wantsHtml(HttpServletRequest request) {
    String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    boolean api = uri != null && (uri.startsWith("/v1/") || uri.startsWith("/admin/"));
    String accept = request.getHeader("Accept");
    return !api && accept != null && accept.contains("text/html");
  }

  private static String html(ApiException problem) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + problem.status().value()
        + " · Verk</title>"
        + "<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body>"
        + "<main class=\"error-page\"><p>"
        + problem.status().value()
        + "</p><h1>"
        + problem.title()
        + "</h1><p>"
        + problem.getMessage()
        + "</p><p><a href=\"/\">Back to Verk</a></p></main></body></html>";
  }
}
