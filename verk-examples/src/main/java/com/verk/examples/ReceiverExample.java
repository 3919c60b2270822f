package com.verk.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.verk.sdk.DeliveryDeduplicator;
import com.verk.sdk.InMemoryDeliveryDeduplicator;
import com.verk.sdk.WebhookEvent;
import com.verk.sdk.WebhookVerificationException;
import com.verk.sdk.WebhookVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A complete webhook receiver on the JDK's {@link HttpServer}, doing what the spec's handler does:
 * read the raw body, verify the signature (401 if it fails), answer 200 at once, then process
 * asynchronously and skip duplicate deliveries.
 *
 * <pre>
 * WEBHOOK_SECRET=your_webhook_secret_12345 [SLACK_WEBHOOK_URL=https://hooks.slack.com/...] \
 *   java -cp verk-sdk.jar:verk-examples.jar com.verk.examples.ReceiverExample [port]
 * </pre>
 *
 * <p>Listens on {@code POST /webhook}; the port is the first argument, else {@code PORT}, else
 * 8081. {@code WEBHOOK_SECRET_PREVIOUS} may hold the previous secret during a rotation.
 */
public final class ReceiverExample implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ReceiverExample.class.getName());
  private static final int MAX_BODY_BYTES = 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService processing;
  private final WebhookVerifier verifier;
  private final DeliveryDeduplicator deduplicator;
  private final EventProcessor processor;

  private ReceiverExample(
      HttpServer server,
      WebhookVerifier verifier,
      DeliveryDeduplicator deduplicator,
      EventProcessor processor) {
    this.server = server;
    this.verifier = verifier;
    this.deduplicator = deduplicator;
    this.processor = processor;
    // One worker keeps the example's processing order simple; use more for real volumes.
    this.processing = Executors.newSingleThreadExecutor();
  }

  /**
   * Runs the receiver until the process is stopped.
   *
   * @param args optionally the port
   * @throws IOException if the port cannot be bound
   */
  public static void main(String[] args) throws IOException {
    String secret = System.getenv("WEBHOOK_SECRET");
    if (secret == null || secret.isBlank()) {
      System.err.println("Set WEBHOOK_SECRET to the webhook's signing secret.");
      System.exit(2);
    }
    WebhookVerifier.Builder verifier = WebhookVerifier.builder().secret(secret);
    String previous = System.getenv("WEBHOOK_SECRET_PREVIOUS");
    if (previous != null && !previous.isBlank()) {
      verifier.secret(previous);
    }
    String slackUrl = System.getenv("SLACK_WEBHOOK_URL");
    SlackNotifier slack =
        slackUrl == null || slackUrl.isBlank()
            ? null
            : new SlackNotifier(URI.create(slackUrl), SlackNotifier.httpTransport());
    int port =
        Integer.parseInt(args.length > 0 ? args[0] : System.getenv().getOrDefault("PORT", "8081"));
    ReceiverExample receiver =
        start(
            new InetSocketAddress(port),
            verifier.build(),
            new InMemoryDeliveryDeduplicator(100_000),
            slack);
    Runtime.getRuntime().addShutdownHook(new Thread(receiver::close));
    System.out.println(
        "Verk webhook receiver listening on http://localhost:" + receiver.port() + "/webhook");
  }

  /**
   * Starts a receiver.
   *
   * @param address where to listen; port 0 picks a free port
   * @param verifier checks signatures
   * @param deduplicator remembers processed deliveries
   * @param slack announces new tasks, or {@code null} to only log them
   * @return the running receiver
   * @throws IOException if the address cannot be bound
   */
  public static ReceiverExample start(
      InetSocketAddress address,
      WebhookVerifier verifier,
      DeliveryDeduplicator deduplicator,
      SlackNotifier slack)
      throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    ReceiverExample receiver =
        new ReceiverExample(server, verifier, deduplicator, new EventProcessor(slack));
    server.createContext("/webhook", receiver::handle);
    server.start();
    return receiver;
  }

  /**
   * Returns the port the receiver listens on.
   *
   * @return the bound port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting requests and lets queued processing finish (up to 10 seconds). */
  @Override
  public void close() {
    server.stop(0);
    processing.shutdown();
    try {
      processing.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "Method Not Allowed");
        return;
      }
      byte[] body = readBody(exchange.getRequestBody());
      if (body == null) {
        respond(exchange, 413, "Payload Too Large");
        return;
      }
      WebhookEvent event;
      try {
        // The exact bytes received: re-serialised JSON would not match the signature.
        event = verifier.verifyAndParse(body, exchange.getRequestHeaders());
      } catch (WebhookVerificationException e) {
        LOG.warning(() -> "Rejected webhook: " + e.reason() + ": " + e.getMessage());
        respond(exchange, 401, "Unauthorized");
        return;
      } catch (IllegalArgumentException e) {
        respond(exchange, 400, "Bad Request");
        return;
      }
      // Acknowledge first: Verk needs an answer within 5 seconds.
      respond(exchange, 200, "OK");
      processing.execute(() -> processOnce(event));
    }
  }

  private void processOnce(WebhookEvent event) {
    try {
      boolean processed =
          deduplicator.processOnce(event.deliveryId(), () -> processor.process(event));
      if (!processed) {
        LOG.info(() -> "Duplicate delivery, skipping: " + event.deliveryId());
      }
    } catch (Exception e) {
      // Verk already got its 200 and will not retry: redeliver from the log once the cause is
      // fixed.
      LOG.log(Level.SEVERE, "Processing failed for delivery " + event.deliveryId(), e);
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
