package com.verk.server.delivery;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How one signed request reaches a webhook endpoint. The engine owns the attempt's deadline: it may
 * complete the returned future itself (with {@link Outcome.TimedOut}); a transport must then
 * abandon the request and close its connection. Tests replace the HTTP transport with one that
 * fails or hangs on command.
 */
interface Transport extends AutoCloseable {

  /** Starts the request; the future never completes exceptionally: every failure is an outcome. */
  CompletableFuture<Outcome> send(String url, Map<String, String> headers, byte[] body);

  @Override
  void close();
}
