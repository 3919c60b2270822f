package com.verk.sdk;

import java.util.Map;

/**
 * Parses webhook payloads. Unknown fields are ignored and unknown event types parse to {@link
 * UnknownData}, so a receiver keeps working when Verk adds to its payloads. Parsing does not
 * verify: use {@link WebhookVerifier#verifyAndParse} on requests from the network.
 */
public final class WebhookEvents {

  private WebhookEvents() {}

  /**
   * Parses a payload from its raw bytes, which must be well-formed UTF-8 and strict RFC 8259 JSON
   * (see the README's "JSON" section: duplicate member names, for one, are refused).
   *
   * @param body the request body
   * @return the event
   * @throws IllegalArgumentException if the body is not JSON or not a Verk event envelope; the
   *     message names the offending field
   */
  public static WebhookEvent parse(byte[] body) {
    if (body == null) {
      throw new IllegalArgumentException("body must not be null");
    }
    return envelope(Json.parse(body));
  }

  /**
   * Parses a payload from a string.
   *
   * @param body the request body
   * @return the event
   * @throws IllegalArgumentException if the body is not JSON or not a Verk event envelope; the
   *     message names the offending field
   */
  public static WebhookEvent parse(String body) {
    if (body == null) {
      throw new IllegalArgumentException("body must not be null");
    }
    return envelope(Json.parse(body));
  }

  private static WebhookEvent envelope(Object json) {
    Fields envelope = Fields.of(json, "payload");
    String event = envelope.requiredString("event");
    Map<String, Object> rawData = envelope.rawObject("data");
    Fields data = new Fields(rawData, "data");
    Fields org = envelope.object("organization");
    return new WebhookEvent(
        event,
        envelope.instant("timestamp"),
        envelope.string("webhookId"),
        envelope.requiredString("deliveryId"),
        typedData(event, data),
        org == null ? null : new Organization(org.string("id"), org.string("name")),
        rawData);
  }

  private static EventData typedData(String event, Fields data) {
    if (EventType.fromWireName(event).isEmpty()) {
      return new UnknownData(data.map());
    }
    return switch (EventType.fromWireName(event).get().group()) {
      case "task" -> TaskData.from(data);
      case "project" -> ProjectData.from(data);
      case "member" -> MemberData.from(data);
      case "comment" -> CommentData.from(data);
      case "file" -> FileData.from(data);
      case "webhook" -> WebhookAlertData.from(data);
      default -> new UnknownData(data.map());
    };
  }
}
