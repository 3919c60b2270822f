package com.verk.sdk.spring;

import com.verk.sdk.WebhookEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A receiver as an application would write it, with hooks for the tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReceiverApp.Receiver.class)
class ReceiverApp {

  /** What the controller was handed, in order. */
  record Handled(WebhookEvent event, byte[] body) {}

  @RestController
  static class Receiver {

    final BlockingQueue<Handled> handled = new LinkedBlockingQueue<>();
    final AtomicBoolean failNext = new AtomicBoolean();

    @PostMapping("/webhooks/verk")
    ResponseEntity<Void> receive(@VerkWebhook WebhookEvent event, @RequestBody byte[] body) {
      if (failNext.getAndSet(false)) {
        return ResponseEntity.internalServerError().build();
      }
      handled.add(new Handled(event, body));
      return ResponseEntity.ok().build();
    }

    @PostMapping("/not-verified")
    String notVerified(@VerkWebhook WebhookEvent event) {
      handled.add(new Handled(event, new byte[0]));
      return "handled";
    }

    @PostMapping("/other")
    String other(@RequestBody String body) {
      return "other: " + body;
    }
  }
}
