/**
 * Remembers which deliveries were processed, so a retried or redelivered webhook is handled once
 * (key: `deliveryId`). Implement it over your own store (Redis `SET NX`, a table with a primary
 * key, ...); methods may return promises. A delivery is marked processed only after processing
 * succeeded; a claim that is neither completed nor released (the process died) should expire.
 */
export interface DeliveryDeduplicator {
  /** Claims a delivery: true if the caller now owns it and must `complete` or `release` it. */
  tryClaim(deliveryId: string): boolean | Promise<boolean>;
  /** Marks a delivery processed; later claims return false. */
  complete(deliveryId: string): void | Promise<void>;
  /** Gives up a claim after processing failed, so a later attempt may claim it again. */
  release(deliveryId: string): void | Promise<void>;
}

/**
 * Runs `work` unless the delivery was already processed (or is being processed); marks it
 * processed when `work` succeeds and releases it when `work` throws (the error is rethrown).
 * Resolves true if the work ran, false for a duplicate.
 */
export async function processOnce(
  deduplicator: DeliveryDeduplicator,
  deliveryId: string,
  work: () => unknown,
): Promise<boolean> {
  if (!(await deduplicator.tryClaim(deliveryId))) {
    return false;
  }
  try {
    await work();
  } catch (error) {
    await deduplicator.release(deliveryId);
    throw error;
  }
  await deduplicator.complete(deliveryId);
  return true;
}

/** The spec's simple form: true the first time a delivery is seen, marking it processed at once. */
export async function firstTime(deduplicator: DeliveryDeduplicator, deliveryId: string): Promise<boolean> {
  if (await deduplicator.tryClaim(deliveryId)) {
    await deduplicator.complete(deliveryId);
    return true;
  }
  return false;
}

export interface InMemoryOptions {
  /** How many delivery ids are remembered; the least recently used are forgotten first. Default 100 000. */
  maxEntries?: number;
  /** How long a claim lasts without `complete` or `release`. Default 300 seconds. */
  claimTimeoutSeconds?: number;
  /** The current time (a `Date` or epoch milliseconds). Default `Date.now`. */
  now?: () => Date | number;
}

/** A bounded in-memory {@link DeliveryDeduplicator} for one process (forgets on restart). */
export class InMemoryDeliveryDeduplicator implements DeliveryDeduplicator {
  static readonly DEFAULT_CLAIM_TIMEOUT_SECONDS = 300;

  // deliveryId -> claimed until (epoch ms), or DONE; Map order is the LRU order.
  readonly #entries = new Map<string, number>();
  readonly #maxEntries: number;
  readonly #claimTimeoutMs: number;
  readonly #now: () => Date | number;

  constructor(options: InMemoryOptions = {}) {
    const maxEntries = options.maxEntries ?? 100_000;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError('maxEntries must be an integer of at least 1');
    }
    const timeout = options.claimTimeoutSeconds ?? InMemoryDeliveryDeduplicator.DEFAULT_CLAIM_TIMEOUT_SECONDS;
    if (!(timeout > 0)) {
      throw new RangeError('claimTimeoutSeconds must be positive');
    }
    this.#maxEntries = maxEntries;
    this.#claimTimeoutMs = timeout * 1000;
    this.#now = options.now ?? Date.now;
  }

  tryClaim(deliveryId: string): boolean {
    requireId(deliveryId);
    const now = this.#millis();
    const until = this.#entries.get(deliveryId);
    if (until !== undefined) {
      this.#entries.delete(deliveryId);
      if (until > now) {
        this.#entries.set(deliveryId, until);
        return false;
      }
    }
    this.#put(deliveryId, now + this.#claimTimeoutMs);
    return true;
  }

  complete(deliveryId: string): void {
    requireId(deliveryId);
    this.#entries.delete(deliveryId);
    this.#put(deliveryId, Number.POSITIVE_INFINITY);
  }

  release(deliveryId: string): void {
    requireId(deliveryId);
    if (this.#entries.get(deliveryId) !== Number.POSITIVE_INFINITY) {
      this.#entries.delete(deliveryId);
    }
  }

  /** How many delivery ids are remembered (claimed or completed). */
  get size(): number {
    return this.#entries.size;
  }

  #put(deliveryId: string, until: number): void {
    this.#entries.set(deliveryId, until);
    while (this.#entries.size > this.#maxEntries) {
      const eldest = this.#entries.keys().next().value as string;
      this.#entries.delete(eldest);
    }
  }

  #millis(): number {
    const now = this.#now();
    return typeof now === 'number' ? now : now.getTime();
  }
}

function requireId(deliveryId: string): void {
  if (typeof deliveryId !== 'string' || deliveryId.trim() === '') {
    throw new TypeError('deliveryId must not be blank');
  }
}
