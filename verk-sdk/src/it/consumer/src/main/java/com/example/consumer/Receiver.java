package com.example.consumer;

import com.sun.net.httpserver.HttpServer;
import com.verk.sdk.WebhookEvent;
import com.verk.sdk.WebhookVerificationException;
import com.verk.sdk.WebhookVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;

// README: "A receiver in 10 lines"
public class Receiver {
  public static void main(String[] args) throws IOException {
    WebhookVerifier verifier = WebhookVerifier.of(System.getenv("WEBHOOK_SECRET"));
    HttpServer server = HttpServer.create(new InetSocketAddress(8081), 0);
    server.createContext("/webhook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      try {
        WebhookEvent event = verifier.verifyAndParse(body, exchange.getRequestHeaders());
        System.out.println(event.event() + " " + event.deliveryId());
        exchange.sendResponseHeaders(200, -1);
      } catch (WebhookVerificationException e) {
        exchange.sendResponseHeaders(401, -1);
      }
      exchange.close();
    });
    server.start();
  }
}
