package com.verk.server.webhooks;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the delivery engine disabled a webhook, as the parts it is made of. {@link #text()} is what
 * is stored in {@code webhooks.disabled_reason} and sent in {@code webhook.disabled} events (its
 * wording is part of the API, so it stays); {@link #parse(String)} reads it back, also from rows
 * written before this class, so that the dashboard can put the useful part first.
 *
 * @param deliveryId the delivery whose last retry failed
 * @param attempts its failed attempts in the retry budget that ran out
 * @param lastError the last attempt's error, e.g. {@code HTTP 500}
 */
public record DisableReason(String deliveryId, int attempts, String lastError) {

  private static final Pattern TEXT =
      Pattern.compile(
          "Disabled after delivery (\\S+) failed (\\d{1,9}) attempts with no successful delivery"
              + " since its first attempt; last error: (.*)",
          Pattern.DOTALL);

  /** The stored and published text. */
  public String text() {
    return "Disabled after delivery "
        + deliveryId
        + " failed "
        + attempts
        + " attempts with no successful delivery since its first attempt; last error: "
        + lastError;
  }

  /** The parts of an engine-written reason; empty for any other text (or null). */
  public static Optional<DisableReason> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = TEXT.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new DisableReason(m.group(1), Integer.parseInt(m.group(2)), m.group(3)));
  }

  /**
   * For people, the useful part first: {@code HTTP 500 on the last of 7 failed attempts in a row}.
   */
  public String headline() {
    String error = lastError == null || lastError.isBlank() ? "Failed" : lastError.strip();
    return attempts == 1
        ? error + " on its only attempt"
        : error + " on the last of " + attempts + " failed attempts in a row";
  }
}
