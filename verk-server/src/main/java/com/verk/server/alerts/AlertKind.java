package com.verk.server.alerts;

import com.verk.server.events.EventType;
import java.util.Arrays;

/** The three alerts about a webhook, each with its operational event and email wording. */
public enum AlertKind {
  FAILING("failing", EventType.WEBHOOK_FAILING, "is failing"),
  DISABLED("disabled", EventType.WEBHOOK_DISABLED, "was disabled"),
  RECOVERED("recovered", EventType.WEBHOOK_RECOVERED, "has recovered");

  private final String value;
  private final EventType eventType;
  private final String happened;

  AlertKind(String value, EventType eventType, String happened) {
    this.value = value;
    this.eventType = eventType;
    this.happened = happened;
  }

  /** As stored and shown: failing, disabled, recovered. */
  public String value() {
    return value;
  }

  EventType eventType() {
    return eventType;
  }

  /** "is failing", "was disabled", "has recovered": the email's subject and headline. */
  public String happened() {
    return happened;
  }

  static AlertKind of(String value) {
    return Arrays.stream(values())
        .filter(k -> k.value.equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown alert kind " + value));
  }
}
