import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseEvent, type WebhookEvent } from './events.js';
import { headerLookup, type HeadersInput } from './headers.js';

/** Why verification failed; the same reasons as the Java SDK's `WebhookVerificationException.Reason`. */
export type FailureReason =
  /** A required header (`X-Verk-Signature`, `webhook-id`, ...) is absent or blank. */
  | 'MISSING_HEADER'
  /** A header is present but not in the documented format (e.g. not `sha256=<64 hex>`). */
  | 'BAD_FORMAT'
  /** Well formed, but no configured secret produces this signature (wrong secret, or a changed body). */
  | 'MISMATCH'
  /** `webhook-timestamp` is further in the past than the tolerance (a replay, or a clock that is off). */
  | 'TIMESTAMP_TOO_OLD'
  /** `webhook-timestamp` is further in the future than the tolerance. */
  | 'TIMESTAMP_TOO_NEW';

/** Every {@link FailureReason}, in the order of the Java SDK's enum. */
export const FAILURE_REASONS: readonly FailureReason[] = Object.freeze([
  'MISSING_HEADER',
  'BAD_FORMAT',
  'MISMATCH',
  'TIMESTAMP_TOO_OLD',
  'TIMESTAMP_TOO_NEW',
]);

/**
 * The request could not be proven to come from Verk: answer 401 and do not process it. The message
 * never contains the secret or the expected signature.
 */
export class WebhookVerificationError extends Error {
  readonly reason: FailureReason;

  constructor(reason: FailureReason, message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.reason = reason;
  }
}

/** The two signature schemes Verk sends. */
export type Scheme =
  /** `X-Verk-Signature: sha256=<hex>` (and `X-Verk-Signature-Previous`) over the raw body. */
  | 'VERK_SIGNATURE'
  /** `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`, with the replay check. */
  | 'STANDARD_WEBHOOKS';

/** The raw request body: a `Buffer`/`Uint8Array` as received, or its exact text. */
export type RawBody = Uint8Array | ArrayBuffer | string;

export interface VerifierOptions {
  /** How far `webhook-timestamp` may be from now, in seconds, both directions. Default 300. */
  toleranceSeconds?: number;
  /** The current time (a `Date` or epoch milliseconds); tests pass a fixed one. Default `Date.now`. */
  now?: () => Date | number;
  /** Which signatures must be present and valid. Default both; only `VERK_SIGNATURE` gives up replay protection. */
  schemes?: readonly Scheme[];
}

export const VERK_SIGNATURE = 'X-Verk-Signature';
export const VERK_SIGNATURE_PREVIOUS = 'X-Verk-Signature-Previous';
export const WEBHOOK_ID = 'webhook-id';
export const WEBHOOK_TIMESTAMP = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE = 'webhook-signature';

const SHA256_BYTES = 32;
const WHSEC_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const HEX_SIGNATURE = /^sha256=[0-9a-fA-F]{64}$/;

/**
 * Proves that a webhook request comes from Verk. By default both schemes are required and
 * `webhook-timestamp` must be within 5 minutes of now. During a secret rotation pass the new and
 * the previous secret. Instances are immutable; share one.
 *
 * ```ts
 * const verifier = new WebhookVerifier(process.env.WEBHOOK_SECRET!);
 * const event = verifier.verifyAndParse(rawBody, req.headers); // throws WebhookVerificationError
 * ```
 */
export class WebhookVerifier {
  static readonly DEFAULT_TOLERANCE_SECONDS = 300;

  readonly #keys: readonly Buffer[];
  readonly #toleranceSeconds: number;
  readonly #now: () => Date | number;
  readonly #schemes: ReadonlySet<Scheme>;

  /**
   * @param secrets the current secret, then any previous one still valid during a rotation; plain
   *     secrets (as shown when the webhook was created) and `whsec_<base64>` secrets are accepted
   */
  constructor(secrets: string | readonly string[], options: VerifierOptions = {}) {
    this.#keys = signingKeys(typeof secrets === 'string' ? [secrets] : secrets);
    const tolerance = options.toleranceSeconds ?? WebhookVerifier.DEFAULT_TOLERANCE_SECONDS;
    if (!Number.isFinite(tolerance) || tolerance < 0) {
      throw new RangeError('toleranceSeconds must be zero or positive');
    }
    this.#toleranceSeconds = Math.floor(tolerance);
    this.#now = options.now ?? Date.now;
    const schemes = options.schemes ?? ['VERK_SIGNATURE', 'STANDARD_WEBHOOKS'];
    if (schemes.length === 0) {
      throw new RangeError('at least one scheme is required');
    }
    for (const scheme of schemes) {
      if (scheme !== 'VERK_SIGNATURE' && scheme !== 'STANDARD_WEBHOOKS') {
        throw new RangeError(`unknown scheme ${String(scheme)}`);
      }
    }
    this.#schemes = new Set(schemes);
  }

  /** Checks the signatures; throws {@link WebhookVerificationError} when they do not hold. */
  verify(body: RawBody, headers: HeadersInput): void {
    const bytes = rawBytes(body);
    const lookup = headerLookup(headers);
    if (this.#schemes.has('VERK_SIGNATURE')) {
      this.#verkSignature(bytes, lookup);
    }
    if (this.#schemes.has('STANDARD_WEBHOOKS')) {
      this.#standardWebhooks(bytes, lookup);
    }
  }

  /** Verifies, then parses the body into a typed event (see `isKnownEvent`). */
  verifyAndParse(body: RawBody, headers: HeadersInput): WebhookEvent {
    this.verify(body, headers);
    return parseEvent(rawBytes(body));
  }

  #verkSignature(body: Buffer, headers: (name: string) => string[]): void {
    const current = headers(VERK_SIGNATURE)[0];
    if (current === undefined) {
      throw new WebhookVerificationError('MISSING_HEADER', `Missing header ${VERK_SIGNATURE}`);
    }
    const signatures = [parseVerkSignature(VERK_SIGNATURE, current)];
    for (const previous of headers(VERK_SIGNATURE_PREVIOUS)) {
      signatures.push(parseVerkSignature(VERK_SIGNATURE_PREVIOUS, previous));
    }
    for (const key of this.#keys) {
      const expected = hmac(key, [body]);
      if (signatures.some((signature) => equal(expected, signature))) {
        return;
      }
    }
    throw new WebhookVerificationError(
      'MISMATCH',
      `${VERK_SIGNATURE} does not match the body with any configured secret` +
        ' (check the secret, and that the raw body bytes are verified, not re-serialised JSON)',
    );
  }

  #standardWebhooks(body: Buffer, headers: (name: string) => string[]): void {
    const id = required(headers, WEBHOOK_ID);
    const timestamp = required(headers, WEBHOOK_TIMESTAMP);
    const signatureHeader = headers(WEBHOOK_SIGNATURE).join(' ');
    if (signatureHeader === '') {
      throw new WebhookVerificationError('MISSING_HEADER', `Missing header ${WEBHOOK_SIGNATURE}`);
    }
    if (!/^[0-9]{1,12}$/.test(timestamp)) {
      throw new WebhookVerificationError(
        'BAD_FORMAT',
        `${WEBHOOK_TIMESTAMP} must be whole seconds since the epoch`,
      );
    }
    const signatures = parseStandardSignatures(signatureHeader);
    const prefix = Buffer.from(`${id}.${timestamp}.`, 'utf8');
    let matched = false;
    for (const key of this.#keys) {
      const expected = hmac(key, [prefix, body]);
      for (const signature of signatures) {
        // No early exit: the work done does not depend on which signature matched.
        matched = equal(expected, signature) || matched;
      }
    }
    if (!matched) {
      throw new WebhookVerificationError(
        'MISMATCH',
        `${WEBHOOK_SIGNATURE} does not match webhook-id, webhook-timestamp and the body with any` +
          ' configured secret',
      );
    }
    this.#checkTolerance(Number(timestamp));
  }

  #checkTolerance(seconds: number): void {
    const current = this.#now();
    const now = Math.floor((typeof current === 'number' ? current : current.getTime()) / 1000);
    const allowed = this.#toleranceSeconds;
    if (seconds < now - allowed) {
      throw new WebhookVerificationError(
        'TIMESTAMP_TOO_OLD',
        `${WEBHOOK_TIMESTAMP} is ${now - seconds}s in the past, more than the tolerance of` +
          ` ${allowed}s (a replayed request, or a clock that is off)`,
      );
    }
    if (seconds > now + allowed) {
      throw new WebhookVerificationError(
        'TIMESTAMP_TOO_NEW',
        `${WEBHOOK_TIMESTAMP} is ${seconds - now}s in the future, more than the tolerance of` +
          ` ${allowed}s (check this machine's clock)`,
      );
    }
  }
}

function required(headers: (name: string) => string[], name: string): string {
  const value = headers(name)[0];
  if (value === undefined) {
    throw new WebhookVerificationError('MISSING_HEADER', `Missing header ${name}`);
  }
  return value;
}

function parseVerkSignature(header: string, value: string): Buffer {
  if (!HEX_SIGNATURE.test(value)) {
    throw new WebhookVerificationError('BAD_FORMAT', `${header} must look like sha256=<64 hex digits>`);
  }
  return Buffer.from(value.slice('sha256='.length), 'hex');
}

function parseStandardSignatures(header: string): Buffer[] {
  const signatures: Buffer[] = [];
  for (const entry of header.trim().split(/\s+/)) {
    const comma = entry.indexOf(',');
    if (comma < 0) {
      throw new WebhookVerificationError(
        'BAD_FORMAT',
        `${WEBHOOK_SIGNATURE} entries must look like v1,<base64>`,
      );
    }
    // Other versions (e.g. asymmetric v1a) are for other verifiers; skip them.
    if (entry.slice(0, comma) !== 'v1') {
      continue;
    }
    const encoded = entry.slice(comma + 1);
    if (!BASE64.test(encoded)) {
      throw new WebhookVerificationError(
        'BAD_FORMAT',
        `${WEBHOOK_SIGNATURE} has a v1 entry that is not base64`,
      );
    }
    signatures.push(Buffer.from(encoded, 'base64'));
  }
  if (signatures.length === 0) {
    throw new WebhookVerificationError('BAD_FORMAT', `${WEBHOOK_SIGNATURE} has no v1,<base64> entry`);
  }
  return signatures;
}

/** The HMAC keys the configured secrets stand for (see the Java SDK's `SigningKeys`). */
function signingKeys(secrets: readonly string[]): Buffer[] {
  if (secrets.length === 0) {
    throw new RangeError('at least one webhook secret is required');
  }
  const keys: Buffer[] = [];
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') {
      throw new RangeError('a webhook secret must be a non-empty string');
    }
    if (secret.startsWith(WHSEC_PREFIX)) {
      const encoded = secret.slice(WHSEC_PREFIX.length);
      if (BASE64.test(encoded)) {
        const decoded = Buffer.from(encoded, 'base64');
        if (decoded.length > 0) {
          keys.push(decoded);
        }
      }
    }
    // Verk signs with the secret's UTF-8 bytes; a secret that merely looks like whsec_ must work.
    keys.push(Buffer.from(secret, 'utf8'));
  }
  return keys;
}

function hmac(key: Buffer, parts: Buffer[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) {
    mac.update(part);
  }
  return mac.digest();
}

function equal(expected: Buffer, signature: Buffer): boolean {
  return signature.length === SHA256_BYTES && timingSafeEqual(expected, signature);
}

/** The body as bytes; refuses parsed JSON, which can no longer be verified. */
export function rawBytes(body: RawBody): Buffer {
  if (typeof body === 'string') {
    return Buffer.from(body, 'utf8');
  }
  if (body instanceof Uint8Array) {
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
  if (body instanceof ArrayBuffer) {
    return Buffer.from(body);
  }
  throw new TypeError(
    'body must be the raw request body (Buffer, Uint8Array or string), not parsed JSON:' +
      " in Express use express.raw({ type: 'application/json' }) on the webhook route",
  );
}
