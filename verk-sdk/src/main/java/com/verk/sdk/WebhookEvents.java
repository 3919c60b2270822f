package com.verk.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;

/**
 * Parses webhook payloads. Unknown fields are ignored and unknown event types parse to {@link
 * UnknownData}, so a receiver keeps working when Verk adds to its payloads. Parsing does not
 * verify: use {@link WebhookVerifier#verifyAndParse} on requests from the network.
 */
public final class WebhookEvents {

  private WebhookEvents() {}

  /**
   * Parses a payload from its raw bytes (UTF-8).
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
    return parse(new String(body, UTF_8));
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
    Fields envelope = Fields.of(Json.parse(body), "payload");
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
      default -> new UnknownData(data.map());
    };
  }
}
