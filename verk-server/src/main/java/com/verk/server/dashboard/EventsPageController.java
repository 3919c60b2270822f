package com.verk.server.dashboard;

import com.verk.server.events.EventLog;
import com.verk.server.events.EventSummary;
import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import com.verk.server.system.Page;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Integrations → Webhooks → Events: the organization's recent events with the webhooks
 * each went to and how each delivery ended, filtered by type and a UTC time range; the same {@link
 * EventLog} as {@code GET /v1/events}. A plain GET form, so it works without JavaScript.
 */
@Controller
class EventsPageController {

  static final String PATH = DashboardSecurityConfig.HOME + "/events";

  private final EventLog events;

  EventsPageController(EventLog events) {
    this.events = events;
  }

  @GetMapping(PATH)
  String list(
      @AuthenticationPrincipal DashboardUser me,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String since,
      @RequestParam(required = false) String until,
      @RequestParam(required = false) String cursor,
      Model model) {
    List<String> problems = new ArrayList<>();
    // An unknown type comes from a URL a person edited: dropped, as the delivery log does.
    String typeFilter =
        EventType.fromWireName(blankToNull(type) == null ? "" : type).isPresent() ? type : null;
    UtcInput from = span("From", since, problems);
    UtcInput to = span("To", until, problems);
    // From names the start of its day or minute; To includes its whole day or minute.
    String sinceIso = from == null ? null : from.start().toString();
    String untilIso = to == null ? null : to.end().toString();
    EventLog.Filter filter = new EventLog.Filter(typeFilter, sinceIso, untilIso);
    Page<EventSummary> page;
    boolean firstPage = blankToNull(cursor) == null;
    try {
      page = events.list(me.orgId(), filter, null, blankToNull(cursor));
    } catch (ApiException e) {
      problems.add(
          e.errors().isEmpty()
              ? e.getMessage()
              : label(e.errors().get(0).field())
                  + " "
                  + e.errors().get(0).message().replace("since", "From")
                  + ".");
      filter = new EventLog.Filter(typeFilter, null, null);
      page = events.list(me.orgId(), filter, null, null);
      sinceIso = null;
      untilIso = null;
      firstPage = true;
    }
    model.addAttribute("nav", "events");
    model.addAttribute("events", page);
    model.addAttribute("eventTypes", Arrays.asList(EventType.values()));
    model.addAttribute("typeFilter", typeFilter);
    model.addAttribute("since", sinceIso == null ? null : since.trim());
    model.addAttribute("until", untilIso == null ? null : until.trim());
    model.addAttribute("problems", problems);
    model.addAttribute("firstPage", firstPage);
    return "dashboard/events";
  }

  /**
   * What {@code value} names, read like every UTC field of the dashboard ({@link UtcInput}); null
   * for none or for a bad one (noted in {@code problems}).
   */
  static UtcInput span(String label, String value, List<String> problems) {
    if (blankToNull(value) == null) {
      return null;
    }
    Optional<UtcInput> parsed = UtcInput.parse(value);
    if (parsed.isEmpty()) {
      problems.add(label + " must be a date and time in UTC such as 2024-01-15 10:30.");
    }
    return parsed.orElse(null);
  }

  private static String label(String field) {
    return switch (field) {
      case "since" -> "From";
      case "until" -> "To";
      case "cursor" -> "The page link";
      default -> field;
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
