import { createHmac, randomBytes } from 'node:crypto';
import { rawBytes, type RawBody } from './verifier.js';

export interface SignOptions {
  /** The webhook's secret as configured in Verk; like Verk, its UTF-8 bytes are the HMAC key. */
  secret: string;
  /** During a rotation overlap Verk also signs with the previous secret. */
  previousSecret?: string;
  /** `webhook-id` and `X-Verk-Delivery`; default: the body's `deliveryId`, else a random one. */
  deliveryId?: string;
  /** `webhook-timestamp`: a `Date` or epoch milliseconds; default now. */
  timestamp?: Date | number;
  /** `X-Verk-Event`; default: the body's `event`. */
  eventType?: string;
  /** `User-Agent`; default `Verk-Webhooks`. */
  userAgent?: string;
}

/**
 * The headers Verk sends with `body`, signed exactly like the server does (`X-Verk-Signature` and
 * Standard Webhooks, plus the previous-secret signatures during a rotation), for your own tests:
 *
 * ```ts
 * const headers = signWebhook(body, { secret: 'test_secret' });
 * await fetch('http://localhost:3000/webhook', { method: 'POST', body, headers });
 * ```
 */
export function signWebhook(body: RawBody, options: SignOptions): Record<string, string> {
  if (typeof options?.secret !== 'string' || options.secret === '') {
    throw new RangeError('secret must be a non-empty string');
  }
  const bytes = rawBytes(body);
  const envelope = peek(bytes);
  const deliveryId = options.deliveryId ?? envelope.deliveryId ?? `delivery_${randomBytes(12).toString('hex')}`;
  const eventType = options.eventType ?? envelope.event ?? 'unknown';
  const at = options.timestamp ?? Date.now();
  const timestamp = String(Math.floor((typeof at === 'number' ? at : at.getTime()) / 1000));
  const secrets = options.previousSecret ? [options.secret, options.previousSecret] : [options.secret];
  const signed = Buffer.concat([Buffer.from(`${deliveryId}.${timestamp}.`, 'utf8'), bytes]);

  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': options.userAgent ?? 'Verk-Webhooks',
    'X-Verk-Event': eventType,
    'X-Verk-Delivery': deliveryId,
    'X-Verk-Signature': `sha256=${hmac(options.secret, bytes).toString('hex')}`,
  };
  if (options.previousSecret) {
    headers['X-Verk-Signature-Previous'] = `sha256=${hmac(options.previousSecret, bytes).toString('hex')}`;
  }
  headers['webhook-id'] = deliveryId;
  headers['webhook-timestamp'] = timestamp;
  headers['webhook-signature'] = secrets.map((s) => `v1,${hmac(s, signed).toString('base64')}`).join(' ');
  return headers;
}

export interface TestDelivery {
  /** The exact body text; send it unchanged. */
  body: string;
  headers: Record<string, string>;
}

/**
 * A complete signed delivery of `event` with `data`, in Verk's envelope, for your own tests.
 * Envelope fields not given get test values.
 */
export function signedTestDelivery(
  event: string,
  data: Record<string, unknown>,
  options: SignOptions & { webhookId?: string; organization?: { id: string; name: string } },
): TestDelivery {
  const at = options.timestamp ?? Date.now();
  const deliveryId = options.deliveryId ?? `delivery_${randomBytes(12).toString('hex')}`;
  const body = JSON.stringify({
    event,
    timestamp: new Date(typeof at === 'number' ? at : at.getTime()).toISOString(),
    webhookId: options.webhookId ?? 'webhook_test',
    deliveryId,
    data,
    organization: options.organization ?? { id: 'org_test', name: 'Test Org' },
  });
  return { body, headers: signWebhook(body, { ...options, deliveryId, eventType: event, timestamp: at }) };
}

function hmac(secret: string, message: Buffer): Buffer {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(message).digest();
}

function peek(body: Buffer): { deliveryId?: string; event?: string } {
  try {
    const value = JSON.parse(body.toString('utf8'));
    return {
      deliveryId: typeof value?.deliveryId === 'string' ? value.deliveryId : undefined,
      event: typeof value?.event === 'string' ? value.event : undefined,
    };
  } catch {
    return {};
  }
}
