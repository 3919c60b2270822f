import type { IncomingMessage, ServerResponse } from 'node:http';
import { InMemoryDeliveryDeduplicator, processOnce, type DeliveryDeduplicator } from './dedup.js';
import type { WebhookEvent } from './events.js';
import { WebhookVerificationError, WebhookVerifier, type VerifierOptions } from './verifier.js';

export interface MiddlewareOptions extends VerifierOptions {
  /** The webhook's secret, or the new and the previous one during a rotation. */
  secret: string | readonly string[];
  /** Processes one event, after the 200 was sent. May be async. */
  handler: (event: WebhookEvent) => unknown;
  /** Skips deliveries already processed. Default: an in-memory one; `false` turns it off. */
  deduplicator?: DeliveryDeduplicator | false;
  /** The handler failed (after the 200, so Verk will not retry). Default: `console.error`. */
  onError?: (error: unknown, event: WebhookEvent) => void;
  /** A request was refused with 401 (for logging). */
  onRejected?: (error: WebhookVerificationError) => void;
  /** A duplicate delivery was acknowledged and skipped. */
  onDuplicate?: (event: WebhookEvent) => void;
  /** Largest body accepted, in bytes (413 above it). Default 1 MiB. */
  maxBodyBytes?: number;
}

/** The request as Express or plain `node:http` hands it over; `body` is set by body parsers. */
export type WebhookRequest = IncomingMessage & { body?: unknown };

/**
 * Receives Verk webhooks the way the spec advises: verifies the raw body (401 when that fails),
 * answers 200 at once, then runs `handler` asynchronously, skipping duplicate deliveries. Works as
 * Express middleware and as a plain `node:http` handler; it needs no Express at run time.
 *
 * ```js
 * app.post('/webhook', verkWebhookMiddleware({ secret: process.env.WEBHOOK_SECRET, handler }));
 * ```
 *
 * Mount it without `express.json()` in front (or behind `express.raw({ type: 'application/json' })`):
 * parsed JSON can no longer be verified.
 */
export function verkWebhookMiddleware(
  options: MiddlewareOptions,
): (req: WebhookRequest, res: ServerResponse, next?: (error?: unknown) => void) => void {
  const { secret, handler } = options;
  if (typeof handler !== 'function') {
    throw new TypeError('handler must be a function');
  }
  const verifier = new WebhookVerifier(secret, options);
  const deduplicator =
    options.deduplicator === false ? undefined : (options.deduplicator ?? new InMemoryDeliveryDeduplicator());
  const onError = options.onError ?? ((error: unknown) => console.error('Verk webhook handler failed', error));
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;

  const run = async (event: WebhookEvent): Promise<void> => {
    try {
      if (deduplicator) {
        if (!(await processOnce(deduplicator, event.deliveryId, () => handler(event)))) {
          options.onDuplicate?.(event);
        }
      } else {
        await handler(event);
      }
    } catch (error) {
      onError(error, event);
    }
  };

  return (req, res, next) => {
    readRawBody(req, maxBodyBytes).then(
      (body) => {
        let event: WebhookEvent;
        try {
          event = verifier.verifyAndParse(body, req.headers);
        } catch (error) {
          if (error instanceof WebhookVerificationError) {
            options.onRejected?.(error);
            reply(res, 401, 'Invalid signature');
          } else {
            reply(res, 400, 'Not a Verk webhook payload');
          }
          return;
        }
        reply(res, 200, 'OK');
        setImmediate(() => void run(event));
      },
      (error: Error & { status?: number }) => {
        if (error.status === 413) {
          reply(res, 413, 'Payload too large');
        } else if (next) {
          next(error);
        } else {
          reply(res, 500, error.message);
        }
      },
    );
  };
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(text);
}

/** The exact bytes of the body: from `express.raw()` / `express.text()`, or read from the stream. */
function readRawBody(req: WebhookRequest, maxBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(req.body)) {
    return Promise.resolve(req.body);
  }
  if (typeof req.body === 'string') {
    return Promise.resolve(Buffer.from(req.body, 'utf8'));
  }
  if (req.readableEnded) {
    return Promise.reject(
      new Error(
        'The request body was already consumed (by express.json()?): mount the Verk webhook route' +
          " before any JSON body parser, or behind express.raw({ type: 'application/json' })",
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes && !failed) {
        failed = true;
        reject(Object.assign(new Error('Payload too large'), { status: 413 }));
      }
      if (!failed) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      if (!failed) {
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', (error) => {
      if (!failed) {
        failed = true;
        reject(error);
      }
    });
  });
}
