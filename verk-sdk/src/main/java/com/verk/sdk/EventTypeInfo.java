package com.verk.sdk;

import java.util.Map;

/**
 * An entry of Verk's event catalog.
 *
 * @param name the event name, e.g. {@code task.created}
 * @param group the group, e.g. {@code task}
 * @param description what triggers it
 * @param schema the JSON Schema of its {@code data}, as parsed JSON
 * @param sample a sample {@code data} object, as parsed JSON
 */
public record EventTypeInfo(
    String name,
    String group,
    String description,
    Map<String, Object> schema,
    Map<String, Object> sample) {}
