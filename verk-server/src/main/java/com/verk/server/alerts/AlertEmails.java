package com.verk.server.alerts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders an alert email, plain text and HTML, from the Thymeleaf templates in {@code
 * templates/mail/}. Links point at {@code VERK_PUBLIC_URL}; nothing secret is in an alert.
 */
final class AlertEmails {

  static final String WEBHOOKS_PATH = "/settings/integrations/webhooks";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** One alert as the templates see it. */
  record View(
      String kind,
      String happened,
      String organization,
      String webhookId,
      String url,
      String description,
      String reason,
      String at,
      List<ErrorLine> lastErrors,
      String webhookLink,
      String settingsLink) {}

  /** One failed attempt: its time, "HTTP 500" or "No response", the error. */
  record ErrorLine(String at, String status, String error) {}

  /** What is sent. */
  record Rendered(String subject, String text, String html) {}

  /** An alert as loaded from its row. */
  record Alert(
      AlertKind kind,
      String organization,
      String webhookId,
      String url,
      String description,
      String reason,
      long at,
      List<FailedAttempt> lastErrors) {}

  private final SpringTemplateEngine engine = new SpringTemplateEngine();
  private final String publicUrl;

  AlertEmails(String publicUrl) {
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 1));
    engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 2));
  }

  private static ClassLoaderTemplateResolver resolver(
      TemplateMode mode, String pattern, int order) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setTemplateMode(mode);
    resolver.setResolvablePatterns(Set.of(pattern));
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    resolver.setOrder(order);
    return resolver;
  }

  String webhookLink(String webhookId) {
    return publicUrl + WEBHOOKS_PATH + "/" + webhookId;
  }

  Rendered render(Alert alert) {
    View view =
        new View(
            alert.kind().value(),
            alert.kind().happened(),
            alert.organization(),
            alert.webhookId(),
            alert.url(),
            alert.description(),
            alert.reason(),
            time(alert.at()),
            alert.lastErrors().stream()
                .map(
                    e ->
                        new ErrorLine(
                            time(e.attemptedAt()),
                            e.responseStatus() == null
                                ? "No response"
                                : "HTTP " + e.responseStatus(),
                            e.error() == null ? "" : e.error()))
                .toList(),
            webhookLink(alert.webhookId()),
            publicUrl + WEBHOOKS_PATH);
    Context context = new Context(Locale.ROOT);
    context.setVariable("alert", view);
    String subject = "[Verk] Webhook " + alert.kind().happened() + ": " + alert.url();
    return new Rendered(
        subject, engine.process("alert.txt", context), engine.process("alert.html", context));
  }

  static String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis));
  }
}
