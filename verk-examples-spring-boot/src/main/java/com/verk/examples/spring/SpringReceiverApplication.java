package com.verk.examples.spring;

import com.verk.sdk.WebhookEvent;
import com.verk.sdk.spring.VerkWebhook;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The starter's receiver: application.properties names the secret and the path, the starter
 * verifies (401 otherwise), deduplicates in the DataSource's database, and hands over the event.
 */
@SpringBootApplication
@RestController
public class SpringReceiverApplication {

  private final EventHandler handler;

  SpringReceiverApplication(EventHandler handler) {
    this.handler = handler;
  }

  public static void main(String[] args) {
    SpringApplication.run(SpringReceiverApplication.class, args);
  }

  @PostMapping("/webhooks/verk")
  void receive(@VerkWebhook WebhookEvent event) {
    handler.handle(event);
  }
}
