package com.verk.server.delivery;

import com.verk.server.system.EgressSettings;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpProxy;
import org.eclipse.jetty.client.HttpResponseException;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Sends one signed POST asynchronously with Jetty's HttpClient: connections are reused, redirects
 * are never followed, certificates and host names are verified, every resolved address is checked
 * by {@link GuardedResolver}, and what the peer may send back is bounded: response headers to
 * {@value #MAX_HEADERS} bytes, the body to {@value #MAX_READ} bytes read (the first {@value
 * #MAX_BODY} kept), no compressed encodings. The engine completes the future at its deadline
 * whatever the peer does; the request is then aborted and its connection closed.
 */
final class HttpSender implements Transport {

  /** Stored in the delivery log. */
  static final int MAX_BODY = 4096;

  /** Read at most; a longer body fails the attempt and the connection is closed. */
  static final int MAX_READ = 64 * 1024;

  /** Status line and headers together. */
  static final int MAX_HEADERS = 64 * 1024;

  private final HttpClient client;
  private final long timeoutMs;
  private final GuardedResolver guard;
  private final Executor executor;
  private final boolean proxied;

  HttpSender(Duration timeout, boolean allowPrivateTargets, String userAgent, int maxInFlight) {
    this(timeout, allowPrivateTargets, userAgent, maxInFlight, null);
  }

  /**
   * @param proxy the operator's HTTP proxy every request goes through ({@code CONNECT} for https
   *     targets), or null for direct connections
   */
  HttpSender(
      Duration timeout,
      boolean allowPrivateTargets,
      String userAgent,
      int maxInFlight,
      EgressSettings.Proxy proxy) {
    this.timeoutMs = timeout.toMillis();
    QueuedThreadPool pool = new QueuedThreadPool(Math.max(16, Math.min(200, maxInFlight / 2)), 4);
    pool.setName("verk-http");
    pool.setDaemon(true);
    SslContextFactory.Client tls = new SslContextFactory.Client();
    tls.setEndpointIdentificationAlgorithm("HTTPS");
    client = new HttpClient();
    client.setExecutor(pool);
    client.setSslContextFactory(tls);
    this.guard = new GuardedResolver(pool, allowPrivateTargets, proxy);
    this.executor = pool;
    this.proxied = proxy != null;
    client.setSocketAddressResolver(guard);
    if (proxy != null) {
      // Jetty tunnels https targets with CONNECT and sends http targets' requests to the proxy.
      client.getProxyConfiguration().addProxy(new HttpProxy(proxy.host(), proxy.port()));
    }
    client.setFollowRedirects(false);
    client.setConnectTimeout(timeoutMs);
    client.setIdleTimeout(60_000);
    client.setMaxConnectionsPerDestination(Math.max(64, maxInFlight));
    client.setMaxRequestsQueuedPerDestination(Math.max(1024, maxInFlight * 4));
    client.setMaxResponseHeadersSize(MAX_HEADERS);
    client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent));
    try {
      client.start();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start the webhook HTTP client", e);
    }
    // A gzip bomb is only a bomb if someone inflates it. Cleared after start: starting with none
    // installs the defaults.
    client.getContentDecoderFactories().clear();
  }

  @Override
  public CompletableFuture<Outcome> send(String url, Map<String, String> headers, byte[] body) {
    CompletableFuture<Outcome> result = new CompletableFuture<>();
    long start = System.nanoTime();
    if (!proxied) {
      start(url, headers, body, result, start);
      return result;
    }
    // Through a proxy the client resolves only the proxy, so the target is resolved and checked
    // here first (the same rule as GuardedResolver applies to direct connections).
    try {
      executor.execute(
          () -> {
            try {
              guard.check(URI.create(url).getHost());
            } catch (GuardedResolver.BlockedTargetException e) {
              result.complete(new Outcome.Blocked(e.getMessage(), elapsed(start)));
              return;
            } catch (UnknownHostException e) {
              result.complete(
                  new Outcome.ConnectionError(
                      "DNS lookup failed for " + URI.create(url).getHost(), elapsed(start)));
              return;
            } catch (RuntimeException e) {
              result.complete(new Outcome.ConnectionError("invalid request: " + e.getMessage(), 0));
              return;
            }
            if (!result.isDone()) {
              start(url, headers, body, result, start);
            }
          });
    } catch (RuntimeException e) {
      result.complete(new Outcome.ConnectionError("could not start the request: " + e, 0));
    }
    return result;
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private void start(
      String url,
      Map<String, String> headers,
      byte[] body,
      CompletableFuture<Outcome> result,
      long start) {
    try {
      Request request =
          client
              .newRequest(url)
              .method(HttpMethod.POST)
              .followRedirects(false)
              .timeout(timeoutMs, TimeUnit.MILLISECONDS)
              .headers(
                  h -> {
                    headers.forEach(
                        (name, value) -> {
                          if (!name.equalsIgnoreCase("Content-Type")) {
                            h.put(name, value);
                          }
                        });
                    h.put(HttpHeader.ACCEPT_ENCODING, "identity");
                    if (proxied && url.regionMatches(true, 0, "http:", 0, 5)) {
                      // A plain-HTTP request to a proxy is answered on the proxy's own connection,
                      // which some proxies (tinyproxy) close after each response without saying
                      // so: reusing it would fail the next attempt. https goes through a CONNECT
                      // tunnel, which is reused normally.
                      h.put(HttpHeader.CONNECTION, "close");
                    }
                  })
              .body(new BytesRequestContent("application/json", body));
      Capture capture = new Capture(start, result);
      // Completed by someone else (the engine's deadline): stop talking to this peer.
      result.whenComplete(
          (outcome, error) -> {
            if (!capture.finished) {
              request.abort(new TimeoutException("attempt deadline passed"));
            }
          });
      request.send(capture);
    } catch (RuntimeException e) {
      result.complete(new Outcome.ConnectionError("invalid request: " + e.getMessage(), 0));
    }
  }

  /** Keeps the first 4 KiB of the body; past {@link #MAX_READ} the response is aborted. */
  private final class Capture implements Response.Listener {
    private final long start;
    private final CompletableFuture<Outcome> result;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long read;
    private volatile boolean tooLarge;
    volatile boolean finished;

    Capture(long start, CompletableFuture<Outcome> result) {
      this.start = start;
      this.result = result;
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
      read += content.remaining();
      int n = Math.min(MAX_BODY - body.size(), content.remaining());
      for (int i = 0; i < n; i++) {
        body.write(content.get());
      }
      if (read > MAX_READ && !tooLarge) {
        tooLarge = true;
        response.abort(new ResponseTooLarge());
      }
    }

    @Override
    public void onComplete(Result completed) {
      finished = true;
      long ms = (System.nanoTime() - start) / 1_000_000;
      try {
        result.complete(classify(completed, ms));
      } catch (RuntimeException e) {
        result.complete(new Outcome.ConnectionError("unexpected error: " + e, ms));
      }
    }

    private Outcome classify(Result completed, long ms) {
      if (tooLarge) {
        return new Outcome.ConnectionError(
            "response body larger than " + MAX_READ / 1024 + " KiB (connection closed)", ms);
      }
      if (completed.isFailed()) {
        return failure(completed.getFailure(), ms);
      }
      int status = completed.getResponse().getStatus();
      String text = new String(body.toByteArray(), StandardCharsets.UTF_8);
      if (status >= 200 && status < 300) {
        return new Outcome.Delivered(status, text, ms);
      }
      String retryAfter =
          RetryAfter.applies(status)
              ? RetryAfter.shown(completed.getResponse().getHeaders().get(HttpHeader.RETRY_AFTER))
              : null;
      return new Outcome.Failed(status, text, ms, retryAfter);
    }
  }

  private static final class ResponseTooLarge extends Exception {
    ResponseTooLarge() {
      super("response body too large", null, false, false);
    }
  }

  private Outcome failure(Throwable failure, long ms) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof GuardedResolver.BlockedTargetException blocked) {
        return new Outcome.Blocked(blocked.getMessage(), ms);
      }
      if (t instanceof TimeoutException) {
        return new Outcome.TimedOut(timeoutMs, ms);
      }
      if (t instanceof SSLException) {
        return new Outcome.ConnectionError("TLS error: " + t.getMessage(), ms);
      }
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return new Outcome.ConnectionError(
            t.getMessage() == null ? "DNS lookup failed" : t.getMessage(), ms);
      }
      if (t instanceof ConnectException) {
        return new Outcome.ConnectionError("connection refused: " + t.getMessage(), ms);
      }
      if (t instanceof HttpResponseException bad) {
        // Its message dumps the connection; the reason says what was wrong.
        return new Outcome.ConnectionError(
            "invalid HTTP response: "
                + bad.getResponse().getReason()
                + " (at most "
                + MAX_HEADERS / 1024
                + " KiB of status line and headers are read)",
            ms);
      }
    }
    String message = failure.getMessage();
    return new Outcome.ConnectionError(
        "connection error: "
            + failure.getClass().getSimpleName()
            + (message == null ? "" : " " + message),
        ms);
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      // Shutting down: nothing useful to do with a failure to close sockets.
    }
  }
}
