package com.verk.server.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real webhook endpoint on loopback. Records every request and answers with what the test
 * programs (200 by default). Tests wait for requests with {@link #take(Duration)}, never sleep.
 */
public final class Receiver implements AutoCloseable {

  /** One received request; header names lower-cased. */
  public record Request(String method, String path, Map<String, String> headers, byte[] body) {

    public String header(String name) {
      return headers.get(name.toLowerCase());
    }

    public String bodyText() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** What to answer, with extra response headers. */
  public record Response(int status, String body, Map<String, String> headers) {
    public Response(int status, String body) {
      this(status, body, Map.of());
    }

    public static Response ok() {
      return new Response(200, "OK");
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final List<Request> all = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Response> handler = r -> Response.ok();

  public Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  /** The URL of {@code path} on this receiver, e.g. {@code http://127.0.0.1:41234/hook}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public void respondWith(Function<Request, Response> handler) {
    this.handler = handler;
  }

  public void respondWith(int status) {
    this.handler = r -> new Response(status, "status " + status);
  }

  /** The next request, or an AssertionError after {@code timeout}. */
  public Request take(Duration timeout) {
    try {
      Request r = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (r == null) {
        throw new AssertionError("No request arrived within " + timeout);
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next request if one arrives within {@code timeout}, else null. */
  public Request poll(Duration timeout) throws InterruptedException {
    return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public List<Request> received() {
    return new ArrayList<>(all);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              headers,
              exchange.getRequestBody().readAllBytes());
      all.add(request);
      queue.add(request);
      Response response = handler.apply(request);
      byte[] body = response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
