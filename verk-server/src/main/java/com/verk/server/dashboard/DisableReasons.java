package com.verk.server.dashboard;

import com.verk.server.webhooks.DisableReason;
import org.springframework.stereotype.Component;

/**
 * A disabled webhook's reason as the dashboard shows it (templates call it as
 * {@code @disableReasons}): the engine's reason with the error first, any other text as it is.
 */
@Component("disableReasons")
public class DisableReasons {

  /** e.g. {@code HTTP 500 on the last of 7 failed attempts in a row}; null for null. */
  public String headline(String reason) {
    return DisableReason.parse(reason).map(DisableReason::headline).orElse(reason);
  }

  /** The delivery whose retries ran out, or null when the reason does not name one. */
  public String deliveryId(String reason) {
    return DisableReason.parse(reason).map(DisableReason::deliveryId).orElse(null);
  }
}
