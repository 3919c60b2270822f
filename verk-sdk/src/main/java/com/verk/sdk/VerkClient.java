package com.verk.sdk;

import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client for Verk's webhook management API ({@code /v1}), on the JDK's {@link HttpClient}.
 *
 * <pre>{@code
 * VerkClient verk = VerkClient.builder().apiKey(System.getenv("VERK_API_KEY")).build();
 * WebhookWithSecret created =
 *     verk.createWebhook(NewWebhook.of("https://example.com/webhook", EventType.TASK_CREATED));
 * }</pre>
 *
 * <p>Error responses throw {@link VerkApiException}; network failures throw {@link
 * UncheckedIOException}. Instances are thread-safe; share one.
 */
public final class VerkClient {

  /** The public API's address. */
  public static final String DEFAULT_BASE_URL = "https://api.verk.com";

  private final ApiTransport api;

  private VerkClient(Builder builder) {
    HttpClient http =
        builder.httpClient != null
            ? builder.httpClient
            : HttpClient.newBuilder().connectTimeout(builder.timeout).build();
    this.api = new ApiTransport(http, builder.baseUrl, builder.apiKey, builder.timeout);
  }

  /**
   * Starts configuring a client.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a webhook ({@code POST /v1/webhooks}).
   *
   * @param webhook the URL, events and optional secret and description
   * @return the webhook and its secret (shown only now)
   * @throws VerkApiException e.g. {@code validation_failed} or {@code plan_limit_reached}
   */
  public WebhookWithSecret createWebhook(NewWebhook webhook) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", webhook.url());
    body.put("events", webhook.events());
    if (webhook.secret() != null) {
      body.put("secret", webhook.secret());
    }
    if (webhook.description() != null) {
      body.put("description", webhook.description());
    }
    if (webhook.headers() != null) {
      body.put("headers", webhook.headers());
    }
    if (webhook.rateLimit() != null) {
      body.put("rateLimit", webhook.rateLimit());
    }
    return withSecret(api.send("POST", "/v1/webhooks", body));
  }

  /**
   * Lists webhooks, one page ({@code GET /v1/webhooks}).
   *
   * @param limit page size 1..100, or {@code null} for the default (20)
   * @param cursor the previous page's {@link Page#nextCursor()}, or {@code null} for the first
   * @return the page
   */
  public Page<Webhook> listWebhooks(Integer limit, String cursor) {
    Fields page =
        api.send(
            "GET", "/v1/webhooks" + ApiTransport.query("limit", limit, "cursor", cursor), null);
    return new Page<>(
        page.objects("data").stream().map(Webhook::from).toList(), page.string("nextCursor"));
  }

  /**
   * Lists all webhooks, following the pages.
   *
   * @return every webhook of the organization
   */
  public List<Webhook> listAllWebhooks() {
    List<Webhook> all = new ArrayList<>();
    String cursor = null;
    do {
      Page<Webhook> page = listWebhooks(100, cursor);
      all.addAll(page.data());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }

  /**
   * Reads one webhook ({@code GET /v1/webhooks/{id}}).
   *
   * @param webhookId the id
   * @return the webhook
   * @throws VerkApiException {@code not_found} if it does not exist in your organization
   */
  public Webhook getWebhook(String webhookId) {
    return Webhook.from(api.send("GET", webhookPath(webhookId), null));
  }

  /**
   * Changes a webhook ({@code PATCH /v1/webhooks/{id}}).
   *
   * @param webhookId the id
   * @param update the fields to change
   * @return the updated webhook
   */
  public Webhook updateWebhook(String webhookId, WebhookUpdate update) {
    return Webhook.from(api.send("PATCH", webhookPath(webhookId), update.toJson()));
  }

  /**
   * Deletes a webhook ({@code DELETE /v1/webhooks/{id}}).
   *
   * @param webhookId the id
   */
  public void deleteWebhook(String webhookId) {
    api.send("DELETE", webhookPath(webhookId), null);
  }

  /**
   * Rotates the signing secret with the default overlap (24 hours), during which deliveries carry
   * signatures with both the new and the previous secret.
   *
   * @param webhookId the id
   * @return the webhook, its new secret and when the previous one expires
   */
  public WebhookWithSecret rotateSecret(String webhookId) {
    return withSecret(api.send("POST", rotatePath(webhookId), Map.of()));
  }

  /**
   * Rotates the signing secret with a chosen overlap.
   *
   * @param webhookId the id
   * @param overlap how long the previous secret keeps signing too
   * @return the webhook, its new secret and when the previous one expires
   */
  public WebhookWithSecret rotateSecret(String webhookId, Duration overlap) {
    return withSecret(
        api.send("POST", rotatePath(webhookId), Map.of("overlapSeconds", overlap.getSeconds())));
  }

  /**
   * Sends a test delivery with a sample payload and waits for its outcome.
   *
   * @param webhookId the id
   * @param event the event type whose sample is sent
   * @return the outcome
   */
  public TestResult testWebhook(String webhookId, EventType event) {
    Fields f =
        api.send("POST", webhookPath(webhookId) + "/test", Map.of("event", event.wireName()));
    return new TestResult(
        f.string("deliveryId"),
        Boolean.TRUE.equals(f.bool("success")),
        f.intValue("responseStatus"),
        f.longValue("responseTimeMs"),
        f.string("error"));
  }

  /**
   * Lists a webhook's deliveries, newest first.
   *
   * @param webhookId the id
   * @param query filters and paging
   * @return the page
   */
  public Page<Delivery> listDeliveries(String webhookId, DeliveryQuery query) {
    String path =
        webhookPath(webhookId)
            + "/deliveries"
            + ApiTransport.query(
                "status",
                query.status(),
                "event",
                query.event(),
                "limit",
                query.limit(),
                "cursor",
                query.cursor());
    Fields page = api.send("GET", path, null);
    return new Page<>(
        page.objects("data").stream().map(Delivery::from).toList(), page.string("nextCursor"));
  }

  /**
   * Reads one delivery with its attempts and the request that was sent.
   *
   * @param webhookId the webhook id
   * @param deliveryId the delivery id
   * @return the delivery
   */
  public DeliveryDetail getDelivery(String webhookId, String deliveryId) {
    return DeliveryDetail.from(api.send("GET", deliveryPath(webhookId, deliveryId), null));
  }

  /**
   * Queues a delivery to be sent again, with the same body and delivery id.
   *
   * @param webhookId the webhook id
   * @param deliveryId the delivery id
   * @return the delivery, pending
   */
  public Delivery redeliver(String webhookId, String deliveryId) {
    return Delivery.from(
        api.send("POST", deliveryPath(webhookId, deliveryId) + "/redeliver", null));
  }

  /**
   * Queues every failed delivery since a point in time to be sent again (e.g. after an outage).
   *
   * @param webhookId the webhook id
   * @param since the start of the window
   * @return how many deliveries were queued
   */
  public int recover(String webhookId, Instant since) {
    Fields f =
        api.send("POST", webhookPath(webhookId) + "/recover", Map.of("since", since.toString()));
    Integer queued = f.intValue("queued");
    return queued == null ? 0 : queued;
  }

  /**
   * Lists the event catalog: every event type with its description, schema and a sample.
   *
   * @return the event types
   */
  public List<EventTypeInfo> eventTypes() {
    return api.send("GET", "/v1/event-types", null).objects("data").stream()
        .map(
            t ->
                new EventTypeInfo(
                    t.string("name"),
                    t.string("group"),
                    t.string("description"),
                    t.rawObject("schema"),
                    t.rawObject("sample")))
        .toList();
  }

  /**
   * The addresses deliveries come from, as the operator declared them ({@code GET /v1/egress-ips}):
   * allow them in your endpoint's firewall.
   *
   * @return IP addresses and CIDR blocks; empty when the operator has not configured any
   */
  public List<String> egressIps() {
    return api.send("GET", "/v1/egress-ips", null).strings("addresses");
  }

  private static WebhookWithSecret withSecret(Fields f) {
    return new WebhookWithSecret(
        Webhook.from(f), f.string("secret"), f.instant("previousSecretExpiresAt"));
  }

  private static String webhookPath(String webhookId) {
    return "/v1/webhooks/" + ApiTransport.segment(webhookId);
  }

  private static String rotatePath(String webhookId) {
    return webhookPath(webhookId) + "/rotate-secret";
  }

  private static String deliveryPath(String webhookId, String deliveryId) {
    return webhookPath(webhookId) + "/deliveries/" + ApiTransport.segment(deliveryId);
  }

  /** Configures a {@link VerkClient}. */
  public static final class Builder {

    private String baseUrl = DEFAULT_BASE_URL;
    private String apiKey;
    private Duration timeout = Duration.ofSeconds(30);
    private HttpClient httpClient;

    private Builder() {}

    /**
     * Sets the API address, e.g. {@code http://localhost:8080} for a local server. A trailing
     * {@code /v1} is accepted.
     *
     * @param baseUrl the address; default {@link #DEFAULT_BASE_URL}
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      String url = baseUrl.replaceAll("/+$", "");
      this.baseUrl = url.endsWith("/v1") ? url.substring(0, url.length() - 3) : url;
      return this;
    }

    /**
     * Sets the API key ({@code vk_…}) sent as {@code Authorization: Bearer}.
     *
     * @param apiKey a key with {@code webhooks:read} or {@code webhooks:write}
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Sets the connect timeout and the per-request timeout.
     *
     * @param timeout default 30 seconds
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Uses a configured {@link HttpClient} (proxy, TLS, executor) instead of a default one.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a thread-safe client
     * @throws IllegalArgumentException if no API key or an invalid base URL was given
     */
    public VerkClient build() {
      if (apiKey == null || apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey is required");
      }
      if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
        throw new IllegalArgumentException("baseUrl must start with http:// or https://");
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      return new VerkClient(this);
    }
  }
}
