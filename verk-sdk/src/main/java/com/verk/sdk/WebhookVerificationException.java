package com.verk.sdk;

/**
 * A webhook request could not be proven to come from Verk. Answer such a request with {@code 401}
 * and do not process it; {@link #reason()} tells why, and the message gives the detail (never the
 * secret or the expected signature).
 */
public final class WebhookVerificationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why verification failed. */
  public enum Reason {
    /** A required header ({@code X-Verk-Signature}, {@code webhook-id}, …) is absent or blank. */
    MISSING_HEADER,
    /** A header is present but not in the documented format (e.g. not {@code sha256=<hex>}). */
    BAD_FORMAT,
    /** The signature is well formed but matches none of the configured secrets. */
    MISMATCH,
    /** {@code webhook-timestamp} is further in the past than the tolerance (a possible replay). */
    TIMESTAMP_TOO_OLD,
    /** {@code webhook-timestamp} is further in the future than the tolerance. */
    TIMESTAMP_TOO_NEW
  }

  /** Why verification failed. */
  private final Reason reason;

  WebhookVerificationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * Returns why verification failed.
   *
   * @return the machine-readable reason
   */
  public Reason reason() {
    return reason;
  }
}
