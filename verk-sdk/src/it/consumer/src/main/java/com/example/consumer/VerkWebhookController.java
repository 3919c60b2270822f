package com.example.consumer;

import com.verk.sdk.WebhookEvent;
import com.verk.sdk.WebhookVerificationException;
import com.verk.sdk.WebhookVerifier;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

// README: "Spring MVC"
@RestController
class VerkWebhookController {

  private final WebhookVerifier verifier = WebhookVerifier.of(System.getenv("WEBHOOK_SECRET"));
  private final Executor executor = Executors.newSingleThreadExecutor();   // or an @Async method

  @PostMapping(path = "/webhook", consumes = "application/json")
  ResponseEntity<String> receive(@RequestBody byte[] body, @RequestHeader HttpHeaders headers) {
    WebhookEvent event;
    try {
      event = verifier.verifyAndParse(body, headers::getFirst);
    } catch (WebhookVerificationException e) {
      return ResponseEntity.status(401).body("Invalid signature");
    }
    executor.execute(() -> process(event));
    return ResponseEntity.ok("OK");
  }

  private void process(WebhookEvent event) {
    // your code
  }
}
