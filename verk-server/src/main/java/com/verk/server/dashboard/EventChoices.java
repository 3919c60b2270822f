package com.verk.server.dashboard;

import com.verk.server.events.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fifteen event types grouped as the form shows them: Task, Project, Member, Comment, File. */
final class EventChoices {

  private EventChoices() {}

  /** One group of the picker. */
  record Group(String name, List<EventType> types) {}

  static List<Group> groups() {
    Map<String, List<EventType>> byGroup = new LinkedHashMap<>();
    for (EventType type : EventType.values()) {
      byGroup.computeIfAbsent(type.group(), g -> new ArrayList<>()).add(type);
    }
    return byGroup.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList();
  }

  /**
   * What was ticked, in catalog order. "All events" and a group's "select all" count even without
   * JavaScript, so the form works the same with scripts off.
   */
  static List<String> selected(List<String> events, List<String> groups, boolean all) {
    Set<String> chosen = new LinkedHashSet<>();
    for (EventType type : EventType.values()) {
      if (all
          || (groups != null && groups.contains(type.group()))
          || (events != null && events.contains(type.wireName()))) {
        chosen.add(type.wireName());
      }
    }
    // Unknown names are passed on so that the webhooks package's rules name them.
    if (events != null) {
      events.stream().filter(e -> EventType.fromWireName(e).isEmpty()).forEach(chosen::add);
    }
    return List.copyOf(chosen);
  }
}
