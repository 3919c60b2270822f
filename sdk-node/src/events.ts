import type { WebhookEnvelope } from './envelope.js';
import { EVENT_TYPES, type EventType, type VerkEvent } from './events.generated.js';

/** An event of a type this library version does not know yet (added to Verk later). */
export type UnknownEvent = WebhookEnvelope<string, Record<string, unknown>>;

/** What a delivery carries: a typed {@link VerkEvent}, or an {@link UnknownEvent}. */
export type WebhookEvent = VerkEvent | UnknownEvent;

/** The known event of type `E`. */
export type EventOf<E extends EventType> = Extract<VerkEvent, { event: E }>;

const KNOWN: ReadonlySet<string> = new Set(EVENT_TYPES);

/** True for the event types of the catalog this library was generated from. */
export function isEventType(name: string): name is EventType {
  return KNOWN.has(name);
}

/** Narrows to the typed union, so that `switch (event.event)` narrows `event.data`. */
export function isKnownEvent(event: WebhookEvent): event is VerkEvent {
  return isEventType(event.event);
}

/** Narrows to one event type: `if (isEvent(e, 'task.created')) e.data.title`. */
export function isEvent<E extends EventType>(event: WebhookEvent, type: E): event is EventOf<E> {
  return event.event === type;
}

/**
 * Parses a payload without verifying it (for stored payloads and tests). Throws a `TypeError`
 * when it is not a Verk webhook envelope.
 */
export function parseEvent(body: Uint8Array | string): WebhookEvent {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TypeError('The webhook body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('The webhook body is not a JSON object');
  }
  const envelope = value as Record<string, unknown>;
  for (const field of ['event', 'timestamp', 'deliveryId']) {
    if (typeof envelope[field] !== 'string') {
      throw new TypeError(`The webhook body has no string "${field}"`);
    }
  }
  if (typeof envelope.data !== 'object' || envelope.data === null) {
    throw new TypeError('The webhook body has no "data" object');
  }
  return envelope as unknown as WebhookEvent;
}
