package com.verk.server.dashboard;

import com.verk.server.delivery.DeliveryFilter;
import com.verk.server.events.EventType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The delivery log's search form as typed, and the filter it comes to. The values come from a URL a
 * person may edit: an unknown status or event is dropped, a time that is not one is left out and
 * named in {@link #problems()}, never a 500.
 *
 * @param status a delivery status, or null
 * @param event an event type, or null
 * @param q a delivery id ({@code delivery_…}) or the id of the object an event is about
 * @param from the first UTC time shown, as typed
 * @param to the last UTC time shown (inclusive: "to 10:30" includes 10:30:59), as typed
 * @param filter what the log is filtered by
 * @param problems what could not be used, for people
 */
record LogSearch(
    String status,
    String event,
    String q,
    String from,
    String to,
    DeliveryFilter filter,
    List<String> problems) {

  static final String DELIVERY_PREFIX = "delivery_";

  static LogSearch of(String status, String event, String q, String from, String to) {
    String s = blank(status) || !WebhookPageController.STATUSES.contains(status) ? null : status;
    String e = blank(event) || EventType.fromWireName(event).isEmpty() ? null : event;
    String id = blank(q) ? null : q.strip();
    List<String> problems = new ArrayList<>();
    Instant since = time("From", from, problems).map(UtcInput::start).orElse(null);
    Instant until = time("To", to, problems).map(UtcInput::end).orElse(null);
    if (since != null && until != null && !until.isAfter(since)) {
      problems.add("To must be later than From; the time range was left out.");
      since = null;
      until = null;
    }
    boolean deliveryId = id != null && id.startsWith(DELIVERY_PREFIX);
    DeliveryFilter filter =
        new DeliveryFilter(
            s, e, since, until, deliveryId ? id : null, id != null && !deliveryId ? id : null);
    return new LogSearch(
        s,
        e,
        id,
        blank(from) ? null : from.strip(),
        blank(to) ? null : to.strip(),
        filter,
        List.copyOf(problems));
  }

  /** The same form, unfiltered, with {@code problem} added: the search was refused. */
  LogSearch refused(String problem) {
    List<String> all = new ArrayList<>(problems);
    all.add("The search was not run: " + problem + ".");
    return new LogSearch(status, event, q, from, to, DeliveryFilter.NONE, List.copyOf(all));
  }

  /** Whether the log is searched or filtered at all. */
  public boolean active() {
    return filter.any();
  }

  /**
   * The search as a query string for links ({@code ?status=failed&q=task_1}), with {@code cursor}
   * when not null; empty when there is nothing to add.
   */
  public String query(String cursor) {
    StringBuilder query = new StringBuilder();
    String[][] params = {
      {"status", status}, {"event", event}, {"q", q}, {"from", from}, {"to", to}, {"cursor", cursor}
    };
    for (String[] p : params) {
      if (p[1] != null) {
        query.append(query.isEmpty() ? '?' : '&').append(p[0]).append('=');
        query.append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
      }
    }
    return query.toString();
  }

  private static Optional<UtcInput> time(String label, String text, List<String> problems) {
    if (blank(text)) {
      return Optional.empty();
    }
    Optional<UtcInput> parsed = UtcInput.parse(text);
    if (parsed.isEmpty()) {
      problems.add(
          label
              + ": type a UTC time as "
              + UtcInput.FORMAT
              + " (or just YYYY-MM-DD); it was left out.");
    }
    return parsed;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
