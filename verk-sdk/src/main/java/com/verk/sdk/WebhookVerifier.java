package com.verk.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Proves that a webhook request comes from Verk, and optionally parses it in the same call.
 *
 * <p>Verk signs every delivery twice: {@code X-Verk-Signature: sha256=<hex>} over the raw body, and
 * the Standard Webhooks headers {@code webhook-id}, {@code webhook-timestamp} and {@code
 * webhook-signature: v1,<base64>} over {@code "<id>.<timestamp>.<body>"}. By default both are
 * required, which also rejects replays older than the {@linkplain Builder#tolerance tolerance}.
 * During a secret rotation configure both the new and the previous secret; the previous signature
 * headers are checked too.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of(System.getenv("WEBHOOK_SECRET"));
 * WebhookEvent event = verifier.verifyAndParse(rawBodyBytes, request::getHeader);
 * }</pre>
 *
 * <p>Always pass the exact bytes received: re-serialised JSON does not verify. Instances are
 * immutable and thread-safe.
 */
public final class WebhookVerifier {

  /** The default allowed distance between {@code webhook-timestamp} and now: 5 minutes. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** The signature schemes Verk sends; see {@link Builder#schemes}. */
  public enum Scheme {
    /** {@code X-Verk-Signature} (and {@code X-Verk-Signature-Previous}): HMAC of the body. */
    VERK_SIGNATURE,
    /**
     * {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}: with replay check.
     */
    STANDARD_WEBHOOKS
  }

  private final SignatureChecks checks;
  private final Set<Scheme> schemes;

  private WebhookVerifier(Builder builder) {
    this.checks =
        new SignatureChecks(SigningKeys.of(builder.secrets), builder.tolerance, builder.clock);
    this.schemes = EnumSet.copyOf(builder.schemes);
  }

  /**
   * Creates a verifier with default settings (both schemes, 5 minutes tolerance, system clock).
   *
   * @param secrets the current secret, then any previous one still valid during a rotation; plain
   *     secrets and {@code whsec_<base64>} secrets are both accepted
   * @return the verifier
   * @throws IllegalArgumentException if no secret is given or one is empty
   */
  public static WebhookVerifier of(String... secrets) {
    return builder().secrets(Arrays.asList(secrets)).build();
  }

  /**
   * Starts configuring a verifier.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a request.
   *
   * @param body the raw request body, exactly as received
   * @param headers the request headers; names are matched case-insensitively, values may be strings
   *     or lists of strings (e.g. the JDK {@code HttpServer}'s {@code Headers})
   * @throws WebhookVerificationException if the request is not proven to come from Verk
   */
  public void verify(byte[] body, Map<String, ?> headers) throws WebhookVerificationException {
    verify(body, Headers.of(headers));
  }

  /**
   * Verifies a request whose headers are read through a lookup function such as a servlet's {@code
   * request::getHeader} or Spring's {@code headers::getFirst}.
   *
   * @param body the raw request body, exactly as received
   * @param header returns the value of a header by name, or {@code null} when absent
   * @throws WebhookVerificationException if the request is not proven to come from Verk
   */
  public void verify(byte[] body, Function<String, String> header)
      throws WebhookVerificationException {
    verify(body, Headers.of(header));
  }

  /**
   * Verifies a request whose body is already a string; it is encoded as UTF-8, which is what Verk
   * sends. Prefer the {@code byte[]} overloads when you have the bytes.
   *
   * @param body the request body
   * @param headers the request headers, matched case-insensitively
   * @throws WebhookVerificationException if the request is not proven to come from Verk
   */
  public void verify(String body, Map<String, ?> headers) throws WebhookVerificationException {
    verify(bytes(body), Headers.of(headers));
  }

  /**
   * Verifies and parses a request: the one call most receivers need.
   *
   * @param body the raw request body, exactly as received
   * @param headers the request headers, matched case-insensitively
   * @return the parsed event
   * @throws WebhookVerificationException if the request is not proven to come from Verk
   * @throws IllegalArgumentException if the verified body is not a Verk event envelope
   */
  public WebhookEvent verifyAndParse(byte[] body, Map<String, ?> headers)
      throws WebhookVerificationException {
    verify(body, headers);
    return WebhookEvents.parse(body);
  }

  /**
   * Verifies and parses a request whose headers are read through a lookup function.
   *
   * @param body the raw request body, exactly as received
   * @param header returns the value of a header by name, or {@code null} when absent
   * @return the parsed event
   * @throws WebhookVerificationException if the request is not proven to come from Verk
   * @throws IllegalArgumentException if the verified body is not a Verk event envelope
   */
  public WebhookEvent verifyAndParse(byte[] body, Function<String, String> header)
      throws WebhookVerificationException {
    verify(body, header);
    return WebhookEvents.parse(body);
  }

  /**
   * Verifies and parses a request whose body is already a string (encoded as UTF-8).
   *
   * @param body the request body
   * @param headers the request headers, matched case-insensitively
   * @return the parsed event
   * @throws WebhookVerificationException if the request is not proven to come from Verk
   * @throws IllegalArgumentException if the verified body is not a Verk event envelope
   */
  public WebhookEvent verifyAndParse(String body, Map<String, ?> headers)
      throws WebhookVerificationException {
    verify(body, headers);
    return WebhookEvents.parse(body);
  }

  private static byte[] bytes(String body) {
    if (body == null) {
      throw new IllegalArgumentException("body must not be null");
    }
    return body.getBytes(UTF_8);
  }

  private void verify(byte[] body, Headers headers) throws WebhookVerificationException {
    if (body == null) {
      throw new IllegalArgumentException("body must not be null");
    }
    if (schemes.contains(Scheme.VERK_SIGNATURE)) {
      checks.verkSignature(body, headers);
    }
    if (schemes.contains(Scheme.STANDARD_WEBHOOKS)) {
      checks.standardWebhooks(body, headers);
    }
  }

  /** Configures a {@link WebhookVerifier}. Not thread-safe; the verifier it builds is. */
  public static final class Builder {

    private final List<String> secrets = new ArrayList<>();
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();
    private Set<Scheme> schemes = EnumSet.allOf(Scheme.class);

    private Builder() {}

    /**
     * Adds a secret. Add the current one and, during a rotation, the previous one.
     *
     * @param secret a plain secret or a {@code whsec_<base64>} secret
     * @return this builder
     */
    public Builder secret(String secret) {
      secrets.add(secret);
      return this;
    }

    /**
     * Adds several secrets.
     *
     * @param secrets plain or {@code whsec_<base64>} secrets
     * @return this builder
     */
    public Builder secrets(List<String> secrets) {
      this.secrets.addAll(secrets);
      return this;
    }

    /**
     * Sets how far {@code webhook-timestamp} may be from now, in both directions.
     *
     * @param tolerance a non-negative duration; default {@link #DEFAULT_TOLERANCE}
     * @return this builder
     */
    public Builder tolerance(Duration tolerance) {
      if (tolerance == null || tolerance.isNegative()) {
        throw new IllegalArgumentException("tolerance must be zero or positive");
      }
      this.tolerance = tolerance;
      return this;
    }

    /**
     * Sets the clock the timestamp tolerance is measured against (tests use a fixed clock).
     *
     * @param clock the clock; default {@link Clock#systemUTC()}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      if (clock == null) {
        throw new IllegalArgumentException("clock must not be null");
      }
      this.clock = clock;
      return this;
    }

    /**
     * Chooses which signatures must be present and valid. Default: both. Checking only {@link
     * Scheme#VERK_SIGNATURE} gives up replay protection.
     *
     * @param schemes at least one scheme
     * @return this builder
     */
    public Builder schemes(Scheme... schemes) {
      if (schemes.length == 0) {
        throw new IllegalArgumentException("at least one scheme is required");
      }
      this.schemes = EnumSet.copyOf(Arrays.asList(schemes));
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return an immutable, thread-safe verifier
     * @throws IllegalArgumentException if no secret was given or one is empty
     */
    public WebhookVerifier build() {
      return new WebhookVerifier(this);
    }
  }
}
