package com.verk.server.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Text shaped for narrow boxes (templates call it as {@code @logFormat}): the delivery log's
 * timestamps in two parts, so that a narrow column can put the time under the date (the column
 * header says UTC), and URLs with sensible places to wrap.
 */
@Component("logFormat")
public class LogFormat {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /**
   * A URL cut after each {@code /}, {@code .}, {@code ?}, {@code &} and {@code =}, for templates
   * that put a {@code <wbr>} between the parts: a long URL then wraps at those points instead of
   * mid-word (CSS {@code overflow-wrap: anywhere} remains the fallback for a very long part).
   */
  public List<String> breakable(String url) {
    List<String> parts = new ArrayList<>();
    if (url == null) {
      return parts;
    }
    int start = 0;
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      boolean cut = c == '/' || c == '.' || c == '?' || c == '&' || c == '=';
      // "https://" stays whole.
      if (cut && !(c == '/' && i + 1 < url.length() && url.charAt(i + 1) == '/')) {
        parts.add(url.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < url.length()) {
      parts.add(url.substring(start));
    }
    return parts;
  }

  /** e.g. {@code 30 Nov 2026}. */
  public String date(Instant at) {
    return at == null ? "—" : DATE.format(at);
  }

  /** e.g. {@code 06:12:03}. */
  public String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }
}
