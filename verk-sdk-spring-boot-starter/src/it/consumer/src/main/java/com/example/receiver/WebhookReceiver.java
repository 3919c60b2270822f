package com.example.receiver;

import com.verk.sdk.WebhookEvent;
import com.verk.sdk.spring.VerkWebhook;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

// README: "A receiver in 10 lines"
@SpringBootApplication
@RestController
public class WebhookReceiver {

  public static void main(String[] args) {
    SpringApplication.run(WebhookReceiver.class, args);
  }

  @PostMapping("/webhooks/verk")
  void receive(@VerkWebhook WebhookEvent event) {
    System.out.println(event.event() + " " + event.deliveryId());
  }
}
