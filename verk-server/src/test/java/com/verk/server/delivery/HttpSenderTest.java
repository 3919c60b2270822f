package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.verk.server.testing.Receiver;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender against real sockets on loopback, with a short budget to keep the suite fast. */
class HttpSenderTest {

  private static final byte[] BODY =
      "{\"event\":\"task.created\"}".getBytes(StandardCharsets.UTF_8);
  private final HttpSender sender =
      new HttpSender(Duration.ofMillis(500), true, "Verk-Webhooks/test", 64);

  @AfterEach
  void close() {
    sender.close();
  }

  private Outcome send(String url) throws Exception {
    return sender.send(url, Map.of("X-Verk-Event", "task.created"), BODY).get(10, TimeUnit.SECONDS);
  }

  @Test
  void a_receiver_that_hangs_is_a_timeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer hanging = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hanging.setExecutor(Executors.newCachedThreadPool());
    hanging.createContext(
        "/",
        exchange -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    hanging.start();
    try {
      Outcome outcome = send("http://127.0.0.1:" + hanging.getAddress().getPort() + "/slow");

      assertThat(outcome).isInstanceOf(Outcome.TimedOut.class);
      assertThat(outcome.error()).contains("timeout");
      assertThat(outcome.success()).isFalse();
    } finally {
      release.countDown();
      hanging.stop(0);
    }
  }

  @Test
  void a_private_target_is_refused_at_connect_time_with_a_clear_error() throws Exception {
    try (Receiver receiver = new Receiver();
        HttpSender strict =
            new HttpSender(Duration.ofSeconds(2), false, "Verk-Webhooks/test", 64)) {
      Outcome outcome = strict.send(receiver.url("/x"), Map.of(), BODY).get(10, TimeUnit.SECONDS);
      Outcome byName =
          strict
              .send(receiver.url("/x").replace("127.0.0.1", "localhost"), Map.of(), BODY)
              .get(10, TimeUnit.SECONDS);

      assertThat(outcome).isInstanceOf(Outcome.Blocked.class);
      assertThat(outcome.error())
          .contains("private address 127.0.0.1")
          .contains("VERK_WEBHOOKS_ALLOW_PRIVATE_TARGETS");
      assertThat(byName).isInstanceOf(Outcome.Blocked.class);
      assertThat(receiver.received()).isEmpty();
    }
  }

  @Test
  void a_redirect_is_not_followed_and_a_large_body_is_cut_at_4_KiB() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.respondWith(
          r -> new Receiver.Response(r.path().equals("/moved") ? 301 : 200, "é".repeat(20_000)));

      Outcome moved = send(receiver.url("/moved"));
      Outcome big = send(receiver.url("/big"));

      assertThat(moved).isInstanceOf(Outcome.Failed.class);
      assertThat(moved.status()).isEqualTo(301);
      assertThat(big).isInstanceOf(Outcome.Delivered.class);
      assertThat(big.responseBody().getBytes(StandardCharsets.UTF_8))
          .hasSizeLessThanOrEqualTo(4096);
      assertThat(big.responseBody()).startsWith("éé");
      assertThat(receiver.received()).hasSize(2);
      assertThat(receiver.received().get(0).header("User-Agent")).isEqualTo("Verk-Webhooks/test");
    }
  }

  @Test
  void a_closed_port_is_a_connection_error() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Outcome outcome = send("http://127.0.0.1:" + port + "/");

    assertThat(outcome).isInstanceOf(Outcome.ConnectionError.class);
    assertThat(outcome.error()).isNotBlank();
  }

  @Test
  void a_certificate_that_cannot_be_verified_is_a_tls_failure() throws Exception {
    // A plain-HTTP server spoken to over https fails the handshake, which is what any
    // unverifiable endpoint does: a failed attempt, never a silent success.
    try (Receiver receiver = new Receiver()) {
      Outcome outcome = send(receiver.url("/tls").replace("http://", "https://"));

      assertThat(outcome.success()).isFalse();
      assertThat(outcome).isInstanceOfAny(Outcome.ConnectionError.class, Outcome.TimedOut.class);
    }
  }
}
