package com.verk.server.delivery;

import com.verk.server.system.Times;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the body every receiver gets. Everything comes from stored rows (the event's data as
 * stored JSON text, the organization name snapshot, the time it happened), never from "now", so the
 * bytes are identical on every attempt and the signature of a retry matches the first one.
 */
final class Envelope {

  private final JsonMapper json;

  Envelope(JsonMapper json) {
    this.json = json;
  }

  byte[] render(Job job) {
    StringBuilder out = new StringBuilder(256 + job.eventData().length());
    out.append("{\"event\":")
        .append(quote(job.eventType()))
        .append(",\"timestamp\":")
        .append(quote(Times.iso(job.occurredAt())))
        .append(",\"webhookId\":")
        .append(quote(job.webhookId()))
        .append(",\"deliveryId\":")
        .append(quote(job.deliveryId()))
        // data was serialised once when the event was published; splicing it keeps it verbatim.
        .append(",\"data\":")
        .append(job.eventData())
        .append(",\"organization\":{\"id\":")
        .append(quote(job.orgId()))
        .append(",\"name\":")
        .append(quote(job.orgName()))
        .append("}}");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private String quote(String value) {
    return needsEscaping(value) ? json.writeValueAsString(value) : '"' + value + '"';
  }

  // Ids, event types and timestamps never need escaping; anything else goes through Jackson.
  private static boolean needsEscaping(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
        return true;
      }
    }
    return false;
  }
}
