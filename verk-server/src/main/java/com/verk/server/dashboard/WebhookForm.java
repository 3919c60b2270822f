package com.verk.server.dashboard;

import com.verk.server.system.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the create and edit forms post. Field names match the API's, so that the validation errors
 * of the webhooks package land next to the right input.
 */
public final class WebhookForm {

  private String url = "";
  private List<String> events = new ArrayList<>();
  private List<String> groups = new ArrayList<>();
  private boolean allEvents;
  private String secretMode = "generate";
  private String secret = "";
  private String description = "";
  private String headers = "";
  private String rateLimit = "";

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url == null ? "" : url.trim();
  }

  public List<String> getEvents() {
    return events;
  }

  public void setEvents(List<String> events) {
    this.events = events == null ? new ArrayList<>() : events;
  }

  public List<String> getGroups() {
    return groups;
  }

  public void setGroups(List<String> groups) {
    this.groups = groups == null ? new ArrayList<>() : groups;
  }

  public boolean isAllEvents() {
    return allEvents;
  }

  public void setAllEvents(boolean allEvents) {
    this.allEvents = allEvents;
  }

  public String getSecretMode() {
    return secretMode;
  }

  public void setSecretMode(String secretMode) {
    this.secretMode = secretMode;
  }

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret == null ? "" : secret;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description == null ? "" : description.trim();
  }

  /** The custom headers as typed: one {@code Name: value} per line. */
  public String getHeaders() {
    return headers;
  }

  public void setHeaders(String headers) {
    this.headers = headers == null ? "" : headers;
  }

  /**
   * The typed headers, in order: a line without a colon is a name without a value (refused by the
   * rules), blank lines are skipped. A name typed twice is refused here, since a map would keep
   * only one of them.
   */
  Map<String, String> chosenHeaders() {
    Map<String, String> out = new LinkedHashMap<>();
    List<ApiException.FieldError> duplicates = new ArrayList<>();
    for (String line : headers.split("\r?\n|\r")) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      String name = (colon < 0 ? line : line.substring(0, colon)).trim();
      String value = colon < 0 ? "" : line.substring(colon + 1).trim();
      if (out.containsKey(name)) {
        duplicates.add(new ApiException.FieldError("headers." + name, "is listed twice"));
      }
      out.put(name, value);
    }
    if (!duplicates.isEmpty()) {
      throw ApiException.validation(duplicates);
    }
    return out;
  }

  /** The edit form's starting text: each name with an empty value, which keeps the value. */
  static String namesOnly(List<String> names) {
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      out.append(name).append(": \n");
    }
    return out.toString();
  }

  public String getRateLimit() {
    return rateLimit;
  }

  public void setRateLimit(String rateLimit) {
    this.rateLimit = rateLimit == null ? "" : rateLimit.trim();
  }

  /**
   * Attempts per second as the webhooks package takes it: empty is no limit (0), anything that is
   * not a whole number is refused there as out of range (-1), so it is named like any other error.
   */
  Integer chosenRateLimit() {
    if (rateLimit.isEmpty()) {
      return 0;
    }
    try {
      return Integer.valueOf(rateLimit);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The chosen events, with group and overall "select all" applied. */
  List<String> chosenEvents() {
    return EventChoices.selected(events, groups, allEvents);
  }

  /** The secret to send, or null to have one generated. */
  String chosenSecret() {
    return "provide".equals(secretMode) ? secret : null;
  }

  public boolean checked(String event) {
    return chosenEvents().contains(event);
  }

  /** Field errors of a rejected submit, by field name. */
  public static Map<String, String> errors(ApiException e) {
    Map<String, String> out = new HashMap<>();
    for (ApiException.FieldError error : e.errors()) {
      String field = error.field().startsWith("events") ? "events" : error.field();
      String message = error.message();
      if (field.startsWith("headers.")) {
        // One textarea: the message names the header it is about.
        message = field.substring("headers.".length()) + " " + message;
        field = "headers";
      }
      out.merge(field, message, (a, b) -> a + "; " + b);
    }
    if (out.isEmpty()) {
      out.put("form", e.getMessage());
    }
    return out;
  }
}
