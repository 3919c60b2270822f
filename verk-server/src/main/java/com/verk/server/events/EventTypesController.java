package com.verk.server.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The event catalog, for any valid API key: what can be subscribed to and what it carries. */
@RestController
@Tag(
    name = "Event types",
    description = "The catalog of the event types: the 15 of the spec and 3 operational ones")
class EventTypesController {

  @GetMapping("/v1/event-types")
  @Operation(summary = "Every event type with its description, JSON Schema and a sample")
  Map<String, Object> list() {
    List<Map<String, Object>> data =
        EventCatalog.all().stream()
            .map(
                entry -> {
                  Map<String, Object> out = new LinkedHashMap<>();
                  out.put("name", entry.type().wireName());
                  out.put("group", entry.type().group());
                  out.put("description", entry.type().description());
                  out.put("schema", entry.schema());
                  out.put("sample", entry.sample());
                  return out;
                })
            .toList();
    return Map.of("data", data);
  }
}
