package com.verk.server.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every request as {@code http.server.requests} (tags {@code method}, {@code uri}, {@code
 * status}, {@code outcome}, {@code exception}), the metric Spring's {@code
 * ServerHttpObservationFilter} would record, without the Observation machinery: a profile of {@code
 * POST /v1/tasks} showed ~11% of the request thread's CPU in it. Spring Boot's filter is switched
 * off ({@code WebMvcObservationAutoConfiguration} is excluded in {@code VerkApplication}). Ordered
 * first, so the time includes the security chain.
 *
 * <p>{@code uri} is the matched route pattern, never the raw path: {@code NOT_FOUND} for a 404
 * without a route of its own (including the static resources' catch-all {@code /**}), {@code
 * REDIRECTION} for a 3xx without one, {@code UNKNOWN} otherwise (e.g. refused by security before
 * any route matched). {@code exception} is the simple name of the exception the request ended with
 * (thrown out of the chain, or handled by an {@code @ExceptionHandler}), {@code none} otherwise.
 * Every tag takes a bounded set of values, so one {@link Timer} per combination is kept.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestTimer extends OncePerRequestFilter {

  static final String METRIC = "http.server.requests";

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

  private record Key(String method, String uri, int status, String exception) {}

  private final MeterRegistry registry;
  private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

  RequestTimer(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    Throwable thrown = null;
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      thrown = e;
      throw e;
    } finally {
      if (thrown == null && request.isAsyncStarted()) {
        request.getAsyncContext().addListener(new Completion(start));
      } else {
        record(request, response, thrown, start);
      }
    }
  }

  private void record(
      HttpServletRequest request, HttpServletResponse response, Throwable thrown, long start) {
    long nanos = System.nanoTime() - start;
    // A thrown exception becomes a 500 (the error page is rendered after this filter returns).
    int status = thrown != null && !response.isCommitted() ? 500 : response.getStatus();
    Throwable failure = thrown != null ? unwrap(thrown) : handledException(request);
    Key key =
        new Key(
            METHODS.contains(request.getMethod()) ? request.getMethod() : "UNKNOWN",
            uri(request, status),
            status,
            failure == null ? "none" : failure.getClass().getSimpleName());
    timers.computeIfAbsent(key, this::timer).record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer timer(Key key) {
    return Timer.builder(METRIC)
        .description("Duration of HTTP server request handling")
        .tag("method", key.method())
        .tag("uri", key.uri())
        .tag("status", Integer.toString(key.status()))
        .tag("outcome", outcome(key.status()))
        .tag("exception", key.exception())
        .register(registry);
  }

  static String uri(HttpServletRequest request, int status) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    if (pattern instanceof String route && !(status == 404 && route.endsWith("/**"))) {
      return route.isEmpty() ? "root" : route;
    }
    if (status == 404) {
      return "NOT_FOUND";
    }
    if (status >= 300 && status < 400) {
      return "REDIRECTION";
    }
    return "UNKNOWN";
  }

  static String outcome(int status) {
    return switch (status / 100) {
      case 1 -> "INFORMATIONAL";
      case 2 -> "SUCCESS";
      case 3 -> "REDIRECTION";
      case 4 -> "CLIENT_ERROR";
      case 5 -> "SERVER_ERROR";
      default -> "UNKNOWN";
    };
  }

  private static Throwable handledException(HttpServletRequest request) {
    if (request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE) instanceof Throwable t) {
      return t;
    }
    return request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t
        ? t
        : null;
  }

  private static Throwable unwrap(Throwable thrown) {
    return thrown instanceof ServletException servlet && servlet.getCause() != null
        ? servlet.getCause()
        : thrown;
  }

  /** Records an asynchronous request when it completes. */
  private final class Completion implements AsyncListener {
    private final long start;
    private volatile Throwable error;

    Completion(long start) {
      this.start = start;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      record(
          (HttpServletRequest) event.getSuppliedRequest(),
          (HttpServletResponse) event.getSuppliedResponse(),
          error,
          start);
    }

    @Override
    public void onError(AsyncEvent event) {
      error = event.getThrowable();
    }

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}
  }
}
