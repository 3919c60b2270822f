package com.verk.sdk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link DeliveryDeduplicator} in memory, bounded to a number of delivery ids (the least recently
 * used are forgotten first). Right for a single process that may forget after a restart; use {@link
 * JdbcDeliveryDeduplicator} to remember across restarts and instances.
 */
public final class InMemoryDeliveryDeduplicator implements DeliveryDeduplicator {

  /** The default claim timeout: a claim older than this is considered abandoned. */
  public static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofMinutes(5);

  private final Map<String, Instant> claimedUntil;
  private final Duration claimTimeout;
  private final Clock clock;

  /**
   * Creates a deduplicator remembering up to {@code maxEntries} deliveries.
   *
   * @param maxEntries the bound, at least 1; e.g. 100 000 (a few MB)
   */
  public InMemoryDeliveryDeduplicator(int maxEntries) {
    this(maxEntries, DEFAULT_CLAIM_TIMEOUT, Clock.systemUTC());
  }

  /**
   * Creates a deduplicator with a custom claim timeout and clock.
   *
   * @param maxEntries the bound, at least 1
   * @param claimTimeout how long a claim lasts without {@link #complete} or {@link #release}
   * @param clock the clock claims are measured with
   */
  public InMemoryDeliveryDeduplicator(int maxEntries, Duration claimTimeout, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1");
    }
    if (claimTimeout == null || claimTimeout.isNegative() || claimTimeout.isZero()) {
      throw new IllegalArgumentException("claimTimeout must be positive");
    }
    if (clock == null) {
      throw new IllegalArgumentException("clock must not be null");
    }
    this.claimTimeout = claimTimeout;
    this.clock = clock;
    this.claimedUntil =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** A completed delivery is stored with this marker instead of a claim expiry. */
  private static final Instant DONE = Instant.MAX;

  /**
   * {@inheritDoc}
   *
   * @param deliveryId the delivery id
   * @return {@code true} if the caller now owns the delivery
   */
  @Override
  public synchronized boolean tryClaim(String deliveryId) {
    requireId(deliveryId);
    Instant now = clock.instant();
    Instant until = claimedUntil.get(deliveryId);
    if (until != null && until.isAfter(now)) {
      return false;
    }
    claimedUntil.put(deliveryId, now.plus(claimTimeout));
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * @param deliveryId the delivery id
   */
  @Override
  public synchronized void complete(String deliveryId) {
    requireId(deliveryId);
    claimedUntil.put(deliveryId, DONE);
  }

  /**
   * {@inheritDoc}
   *
   * @param deliveryId the delivery id
   */
  @Override
  public synchronized void release(String deliveryId) {
    requireId(deliveryId);
    if (!DONE.equals(claimedUntil.get(deliveryId))) {
      claimedUntil.remove(deliveryId);
    }
  }

  /**
   * Returns how many delivery ids are remembered (claimed or completed).
   *
   * @return the number of entries, at most the bound
   */
  public synchronized int size() {
    return claimedUntil.size();
  }

  static void requireId(String deliveryId) {
    if (deliveryId == null || deliveryId.isBlank()) {
      throw new IllegalArgumentException("deliveryId must not be blank");
    }
  }
}
