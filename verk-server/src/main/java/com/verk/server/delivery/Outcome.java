package com.verk.server.delivery;

/**
 * What one HTTP attempt came to. Only {@link Delivered} is a success; everything else is retried on
 * the schedule. {@code responseTimeMs} is measured with {@link System#nanoTime()}, not the injected
 * clock, so that tests moving the clock do not distort it.
 */
sealed interface Outcome {

  long responseTimeMs();

  /** The error text shown in the delivery log, null on success. */
  String error();

  /** The HTTP status, when a response arrived. */
  default Integer status() {
    return null;
  }

  /** The first 4 KiB of the response body, when a response arrived. */
  default String responseBody() {
    return null;
  }

  /** A metric tag: succeeded, failed, timed_out, connection_error, blocked. */
  String kind();

  default boolean success() {
    return this instanceof Delivered;
  }

  /** A 2xx answer. */
  record Delivered(int code, String body, long responseTimeMs) implements Outcome {
    @Override
    public Integer status() {
      return code;
    }

    @Override
    public String responseBody() {
      return body;
    }

    @Override
    public String error() {
      return null;
    }

    @Override
    public String kind() {
      return "succeeded";
    }
  }

  /**
   * Any other answer, including 3xx (redirects are never followed). {@code retryAfter} is the
   * receiver's {@code Retry-After} header on a 429 or 503 (cleaned and cut to {@value
   * RetryAfter#MAX_SHOWN} characters), else null; see {@link RetryAfter}.
   */
  record Failed(int code, String body, long responseTimeMs, String retryAfter) implements Outcome {

    Failed(int code, String body, long responseTimeMs) {
      this(code, body, responseTimeMs, null);
    }

    @Override
    public Integer status() {
      return code;
    }

    @Override
    public String responseBody() {
      return body;
    }

    @Override
    public String error() {
      if (code >= 300 && code < 400) {
        return "HTTP " + code + " (redirects are not followed)";
      }
      return retryAfter == null
          ? "HTTP " + code
          : "HTTP " + code + " (Retry-After: " + retryAfter + ")";
    }

    @Override
    public String kind() {
      return "failed";
    }
  }

  /** No complete answer within the per-attempt budget. */
  record TimedOut(long budgetMs, long responseTimeMs) implements Outcome {
    @Override
    public String error() {
      return "timeout: no complete response within " + budgetMs + " ms";
    }

    @Override
    public String kind() {
      return "timed_out";
    }
  }

  /** DNS, connect, TLS or protocol failure. */
  record ConnectionError(String message, long responseTimeMs) implements Outcome {
    @Override
    public String error() {
      return message;
    }

    @Override
    public String kind() {
      return "connection_error";
    }
  }

  /** The target resolved to an address webhooks may not reach. */
  record Blocked(String message, long responseTimeMs) implements Outcome {
    @Override
    public String error() {
      return message;
    }

    @Override
    public String kind() {
      return "blocked";
    }
  }
}
