package com.verk.server.delivery;

import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The delivery log and the user actions on deliveries, for callers outside this package (the
 * dashboard). Results have the shape of the management API's JSON, and every call is scoped to
 * {@code orgId}: another organization's webhook or delivery is a 404.
 */
@Service
public class DeliveryService {

  private final DeliveryLog log;
  private final DeliveryActions actions;

  DeliveryService(DeliveryLog log, DeliveryActions actions) {
    this.log = log;
    this.actions = actions;
  }

  /** {"data":[Delivery],"nextCursor"} newest first; null filters and cursor mean none. */
  public Map<String, Object> list(
      String orgId, String webhookId, String status, String event, String cursor) {
    return log.list(orgId, webhookId, status, event, null, cursor);
  }

  /** A Delivery with its "attemptLog" and the "request" that was sent. */
  public Map<String, Object> get(String orgId, String webhookId, String deliveryId) {
    return log.get(orgId, webhookId, deliveryId);
  }

  /** Send Test: {"deliveryId","success","responseStatus","responseTimeMs","error"}. */
  public Map<String, Object> test(String orgId, String webhookId, String event) {
    return actions.test(orgId, webhookId, event);
  }

  /** Queues the delivery again; the queued Delivery. */
  public Map<String, Object> redeliver(String orgId, String webhookId, String deliveryId) {
    return actions.redeliver(orgId, webhookId, deliveryId);
  }

  /** Queues failed and skipped deliveries since an ISO-8601 time: {"queued": n}. */
  public Map<String, Object> recover(String orgId, String webhookId, String since) {
    return actions.recover(orgId, webhookId, since);
  }
}
