package com.verk.server.dashboard;

import com.verk.server.tenancy.Plan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How the dashboard prints times, durations and plans; templates call it as
 * {@code @dashboardFormat}.
 */
@Component("dashboardFormat")
public class DashboardFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private final Clock clock;

  DashboardFormat(Clock clock) {
    this.clock = clock;
  }

  public String time(Long epochMillis) {
    return epochMillis == null ? "—" : TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  /** For {@code <time datetime>}. */
  public String iso(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
  }

  /** The end of the webhook's back-pressure pause if it is paused now, else null. */
  public Long pausedUntil(com.verk.server.webhooks.Webhook webhook) {
    return webhook.pausedAt(clock.millis());
  }

  public String ago(Long epochMillis) {
    if (epochMillis == null) {
      return "never";
    }
    Duration d = Duration.ofMillis(Math.max(0, clock.millis() - epochMillis));
    if (d.toSeconds() < 45) {
      return "just now";
    }
    if (d.toMinutes() < 60) {
      return plural(Math.max(1, d.toMinutes()), "minute") + " ago";
    }
    if (d.toHours() < 24) {
      return plural(d.toHours(), "hour") + " ago";
    }
    return plural(d.toDays(), "day") + " ago";
  }

  /** A time of the API's records, printed like {@link #time(Long)}. */
  public String instant(Instant at) {
    return at == null ? "—" : TIME.format(at);
  }

  public String ms(Object millis) {
    return millis == null ? "—" : millis + " ms";
  }

  public String plan(Plan plan) {
    return plan == null
        ? ""
        : plan.wireName().substring(0, 1).toUpperCase(Locale.ROOT) + plan.wireName().substring(1);
  }

  /** A CSS width class in steps of ten percent, because inline styles are blocked by the CSP. */
  public String usageClass(long used, long limit) {
    if (limit <= 0) {
      return "usage-0";
    }
    long tenths = Math.min(10, Math.round(used * 10.0 / limit));
    return "usage-" + (tenths * 10);
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
