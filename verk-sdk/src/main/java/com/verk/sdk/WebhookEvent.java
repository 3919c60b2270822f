package com.verk.sdk;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One webhook delivery's payload: the envelope Verk sends for every event.
 *
 * <pre>{@code
 * if (event.is(EventType.TASK_CREATED)) {
 *   TaskData task = event.data(TaskData.class);
 *   System.out.println("New task created: " + task.title());
 * }
 * }</pre>
 *
 * @param event the event name as sent, e.g. {@code task.created} (see {@link #type()})
 * @param timestamp when the event happened (the same on every delivery attempt)
 * @param webhookId the webhook this delivery is for, {@code webhook_…}
 * @param deliveryId the delivery id, stable across retries: use it for idempotency
 * @param data the typed event data
 * @param organization the organization the event happened in
 * @param rawData the {@code data} object as parsed JSON (unmodifiable), including fields this SDK
 *     version does not model
 */
public record WebhookEvent(
    String event,
    Instant timestamp,
    String webhookId,
    String deliveryId,
    EventData data,
    Organization organization,
    Map<String, Object> rawData) {

  /**
   * Returns the event type, or empty for an event type this SDK version does not know.
   *
   * @return the type
   */
  public Optional<EventType> type() {
    return EventType.fromWireName(event);
  }

  /**
   * Tells whether this is an event of the given type.
   *
   * @param type the type to compare with
   * @return {@code true} if {@link #event()} is the type's wire name
   */
  public boolean is(EventType type) {
    return type.wireName().equals(event);
  }

  /**
   * Returns the data as the expected record type.
   *
   * @param type e.g. {@code TaskData.class}
   * @param <T> the data type
   * @return the data
   * @throws IllegalStateException if this event's data is of another type
   */
  public <T extends EventData> T data(Class<T> type) {
    if (!type.isInstance(data)) {
      throw new IllegalStateException(
          "Event "
              + event
              + " carries "
              + data.getClass().getSimpleName()
              + ", not "
              + type.getSimpleName());
    }
    return type.cast(data);
  }
}
