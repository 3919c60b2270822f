package com.verk.examples;

import com.verk.sdk.EventType;
import com.verk.sdk.TaskData;
import com.verk.sdk.WebhookEvent;
import java.util.logging.Logger;

/** The spec's {@code processWebhookAsync}: dispatches a verified event by its type. */
final class EventProcessor {

  private static final Logger LOG = Logger.getLogger(EventProcessor.class.getName());

  private final SlackNotifier slack;

  /**
   * @param slack where new tasks are announced, or {@code null} to only log
   */
  EventProcessor(SlackNotifier slack) {
    this.slack = slack;
  }

  void process(WebhookEvent event) throws Exception {
    EventType type = event.type().orElse(null);
    if (type == null) {
      LOG.info(() -> "Ignoring event type this SDK does not know: " + event.event());
      return;
    }
    switch (type) {
      case TASK_CREATED -> {
        TaskData task = event.data(TaskData.class);
        if (slack != null) {
          slack.handleTaskCreated(task);
        }
        LOG.info(() -> "Task created: " + task.id() + " " + task.title());
      }
      case TASK_UPDATED ->
          LOG.info(
              () ->
                  "Task updated: "
                      + event.data(TaskData.class).id()
                      + " "
                      + event.data(TaskData.class).changes().keySet());
      default -> LOG.info(() -> "Received " + event.event() + " " + event.deliveryId());
    }
  }
}
