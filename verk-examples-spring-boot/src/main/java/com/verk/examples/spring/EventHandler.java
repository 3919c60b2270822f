package com.verk.examples.spring;

import com.verk.sdk.TaskData;
import com.verk.sdk.WebhookEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** What the receiver does with a verified event: here, log it. */
@Component
public class EventHandler {

  private static final Logger log = LoggerFactory.getLogger(EventHandler.class);

  /**
   * Handles one verified event; runs at most once per delivery.
   *
   * @param event the event
   */
  public void handle(WebhookEvent event) {
    if (event.data() instanceof TaskData task) {
      log.info("{}: {} ({})", event.event(), task.title(), event.deliveryId());
    } else {
      log.info("{} ({})", event.event(), event.deliveryId());
    }
  }
}
