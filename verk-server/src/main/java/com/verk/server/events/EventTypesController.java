package com.verk.server.events;

import com.verk.server.system.OpenApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
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

  /** One event type of the catalog: its data's JSON Schema and a sample. */
  @Schema(name = "EventType")
  record EventTypeView(
      @Schema(example = "task.created") String name,
      @Schema(example = "Task") String group,
      @Schema(example = "Triggered when a new task is created.") String description,
      @Schema(description = "JSON Schema of the event's data") Map<String, Object> schema,
      @Schema(
              description = "A sample of the event's data",
              example =
                  "{\"id\":\"task_123\",\"title\":\"Implement login feature\","
                      + "\"status\":\"todo\",\"priority\":\"high\","
                      + "\"projectId\":\"proj_456\",\"creatorId\":\"user_789\","
                      + "\"createdAt\":\"2024-01-15T10:30:00Z\"}")
          Map<String, Object> sample) {}

  /** The whole catalog; not paged. */
  @Schema(name = "EventTypeList")
  record EventTypeList(List<EventTypeView> data) {}

  @GetMapping("/v1/event-types")
  @Operation(
      operationId = "listEventTypes",
      summary = "Every event type with its description, JSON Schema and a sample",
      security = @SecurityRequirement(name = OpenApiDocs.BEARER))
  EventTypeList list() {
    return new EventTypeList(
        EventCatalog.all().stream()
            .map(
                entry ->
                    new EventTypeView(
                        entry.type().wireName(),
                        entry.type().group(),
                        entry.type().description(),
                        entry.schema(),
                        entry.sample()))
            .toList());
  }
}
