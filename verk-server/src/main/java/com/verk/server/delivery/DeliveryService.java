package com.verk.server.delivery;

import com.verk.server.system.Page;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * The delivery log and the user actions on deliveries, for callers outside this package (the
 * dashboard). It returns the records the management API returns, and every call is scoped to {@code
 * orgId}: another organization's webhook or delivery is a 404.
 */
@Service
public class DeliveryService {

  private final DeliveryLog log;
  private final DeliveryActions actions;

  DeliveryService(DeliveryLog log, DeliveryActions actions) {
    this.log = log;
    this.actions = actions;
  }

  /** A page of the default size, newest first; a null cursor means the newest. */
  public Page<DeliverySummary> list(
      String orgId, String webhookId, DeliveryFilter filter, String cursor) {
    return log.list(orgId, webhookId, filter, null, cursor);
  }

  /** A delivery with its attempts and the request that was sent. */
  public DeliveryDetail get(String orgId, String webhookId, String deliveryId) {
    return log.get(orgId, webhookId, deliveryId);
  }

  /** Send Test: the catalog's sample of {@code event}, sent at once. */
  public TestResult test(String orgId, String webhookId, String event) {
    return actions.test(orgId, webhookId, event);
  }

  /** Queues the delivery again; the queued delivery. */
  public DeliverySummary redeliver(String orgId, String webhookId, String deliveryId) {
    return actions.redeliver(orgId, webhookId, deliveryId);
  }

  /** Queues failed and skipped deliveries created since {@code since}; how many. */
  public int recover(String orgId, String webhookId, Instant since) {
    return actions.recover(orgId, webhookId, since);
  }
}
