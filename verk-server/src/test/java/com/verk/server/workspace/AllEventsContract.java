package com.verk.server.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventCatalog;
import com.verk.server.events.EventType;
import com.verk.server.testing.ServerTest.Tenant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every workspace action once: all fifteen event types are written to the outbox with exactly the
 * fields the catalog documents, and queued once per subscribed webhook of the organization.
 */
interface AllEventsContract extends EveryAction {

  @Test
  default void every_action_emits_all_fifteen_event_types_with_the_catalogued_fields() {
    Tenant t = newTenant("pro");
    Tenant other = newTenant("pro");
    String[] all =
        Arrays.stream(EventType.values())
            .filter(type -> !type.operational())
            .map(EventType::wireName)
            .toArray(String[]::new);
    String everything = subscribe(t.orgId(), all);
    String tasksOnly = subscribe(t.orgId(), "task.completed");
    String elsewhere = subscribe(other.orgId(), all);

    performEveryAction(t);

    List<Event> events = events(t.orgId());
    assertThat(events).extracting(Event::type).containsAll(Arrays.asList(all));
    for (Event e : events) {
      EventType type = EventType.fromWireName(e.type()).orElseThrow();
      assertThat(e.data().propertyNames())
          .as(e.type() + " " + e.data())
          .containsExactlyInAnyOrderElementsOf(EventCatalog.get(type).sample().keySet());
      conformsToSchema(e);
    }
    assertThat(deliveries(everything))
        .containsExactlyInAnyOrderElementsOf(events.stream().map(Event::type).toList());
    assertThat(deliveries(tasksOnly)).containsExactly("task.completed");
    assertThat(deliveries(elsewhere)).isEmpty();
    assertThat(events(other.orgId())).isEmpty();
  }
}
