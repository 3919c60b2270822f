package com.verk.server.dashboard;

import com.verk.server.events.EventLog;
import com.verk.server.events.EventSummary;
import com.verk.server.events.EventType;
import com.verk.server.system.ApiException;
import com.verk.server.system.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    Span from = span("From", since, problems);
    Span to = span("To", until, problems);
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

  /** The day, minute or second a person typed, in UTC: {@code [start, end)}. */
  record Span(Instant start, Instant end) {}

  /** The accepted forms: 2024-01-15, 2024-01-15 10:30, 2024-01-15T10:30:45, optional Z or UTC. */
  private static final Pattern UTC_TEXT =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2})(:\\d{2})?)?\\s*(?:Z|UTC)?",
          Pattern.CASE_INSENSITIVE);

  /** What {@code value} names; null for none or for a bad one (noted in {@code problems}). */
  static Span span(String label, String value, List<String> problems) {
    if (blankToNull(value) == null) {
      return null;
    }
    Matcher m = UTC_TEXT.matcher(value.strip());
    try {
      if (m.matches()) {
        LocalDate day = LocalDate.parse(m.group(1));
        if (m.group(2) == null) {
          return new Span(
              day.atStartOfDay().toInstant(ZoneOffset.UTC),
              day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        boolean seconds = m.group(3) != null;
        Instant start =
            LocalDateTime.parse(m.group(1) + "T" + m.group(2) + (seconds ? m.group(3) : ":00"))
                .toInstant(ZoneOffset.UTC);
        return new Span(start, start.plusSeconds(seconds ? 1 : 60));
      }
    } catch (DateTimeParseException e) {
      // Reported below like any other text that is not a time.
    }
    problems.add(label + " must be a date and time in UTC such as 2024-01-15 10:30.");
    return null;
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
