package com.verk.server.events;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The id of the object an event is about, kept in {@code events.object_id} so that the delivery log
 * can find a delivery by a task, project, comment, file or member id: {@code data.id}, or {@code
 * data.webhookId} for the {@code webhook.*} events. Only a string counts; anything else has none.
 */
public final class EventObjects {

  private EventObjects() {}

  /** The object's id in {@code data}, or null. */
  public static String objectId(JsonMapper json, Object data) {
    if (data == null) {
      return null;
    }
    if (data instanceof Map<?, ?> map) {
      if (map.get("id") instanceof String id) {
        return id;
      }
      return map.get("webhookId") instanceof String id ? id : null;
    }
    JsonNode tree = json.valueToTree(data);
    for (String field : new String[] {"id", "webhookId"}) {
      JsonNode value = tree.path(field);
      if (value.isString()) {
        return value.asString();
      }
    }
    return null;
  }
}
