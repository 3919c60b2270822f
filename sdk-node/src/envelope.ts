/** The organization an event belongs to. */
export interface Organization {
  id: string;
  name: string;
}

/**
 * The payload every delivery carries (the spec's "Webhook Payload"); `data` depends on `event`.
 * `deliveryId` is stable across retries and redeliveries: the idempotency key.
 */
export interface WebhookEnvelope<E extends string, D> {
  /** The event type, e.g. `task.created`. */
  event: E;
  /** When the event happened, ISO-8601 UTC. */
  timestamp: string;
  webhookId: string;
  deliveryId: string;
  data: D;
  organization: Organization;
}
