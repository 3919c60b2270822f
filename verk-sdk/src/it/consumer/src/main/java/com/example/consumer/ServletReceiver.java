package com.example.consumer;

import com.verk.sdk.WebhookEvent;
import com.verk.sdk.WebhookVerificationException;
import com.verk.sdk.WebhookVerifier;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

// README: "Plain Servlet (Jakarta or javax)"
public class ServletReceiver extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Executor executor = Executors.newSingleThreadExecutor();

private final WebhookVerifier verifier = WebhookVerifier.of(System.getenv("WEBHOOK_SECRET"));

@Override
protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
  byte[] body = request.getInputStream().readAllBytes();   // raw bytes, before anything parses them
  WebhookEvent event;
  try {
    event = verifier.verifyAndParse(body, request::getHeader);
  } catch (WebhookVerificationException e) {
    response.sendError(401, "Invalid signature");           // e.reason(), e.getMessage() say why
    return;
  }
  response.setStatus(200);                                 // acknowledge within 5 seconds...
  executor.execute(() -> process(event));                  // ...and process asynchronously
}

  private void process(WebhookEvent event) {
    System.out.println(event.deliveryId());
  }
}
