package com.verk.sdk;

/**
 * Remembers which deliveries were processed, so a retried or redelivered webhook is handled once
 * (the spec's "Idempotency": key on {@link WebhookEvent#deliveryId()}).
 *
 * <p>A delivery is marked processed only after processing succeeded. The usual way is {@link
 * #processOnce}; the underlying claim / complete / release steps are available for code that
 * processes asynchronously:
 *
 * <pre>{@code
 * if (dedup.tryClaim(event.deliveryId())) {
 *   try {
 *     handle(event);
 *     dedup.complete(event.deliveryId());
 *   } catch (RuntimeException e) {
 *     dedup.release(event.deliveryId()); // Verk's retry may try again
 *     throw e;
 *   }
 * }
 * }</pre>
 *
 * <p>A claim that is neither completed nor released (the process died) expires after the
 * implementation's claim timeout, so a later retry can process the delivery. Implementations are
 * thread-safe.
 */
public interface DeliveryDeduplicator {

  /**
   * Claims a delivery for processing.
   *
   * @param deliveryId the delivery id
   * @return {@code true} if the caller now owns the delivery and must {@link #complete} or {@link
   *     #release} it; {@code false} if it was already processed or is being processed
   */
  boolean tryClaim(String deliveryId);

  /**
   * Marks a delivery as processed; later claims of it return {@code false}.
   *
   * @param deliveryId the delivery id
   */
  void complete(String deliveryId);

  /**
   * Gives up a claim after processing failed, so that a later attempt may claim it again. Does
   * nothing for a delivery already completed.
   *
   * @param deliveryId the delivery id
   */
  void release(String deliveryId);

  /**
   * The spec's simple form: tells whether a delivery is seen for the first time, and marks it
   * processed at once. If processing can fail, prefer {@link #processOnce} or claim / complete, so
   * that a failed delivery is not skipped on retry.
   *
   * @param deliveryId the delivery id
   * @return {@code true} the first time, {@code false} afterwards
   */
  default boolean firstTime(String deliveryId) {
    if (tryClaim(deliveryId)) {
      complete(deliveryId);
      return true;
    }
    return false;
  }

  /**
   * Runs the work unless the delivery was already processed; marks it processed when the work
   * returns normally and releases it when the work throws.
   *
   * @param deliveryId the delivery id
   * @param work the processing
   * @return {@code true} if the work ran and succeeded, {@code false} if it was a duplicate
   * @throws Exception whatever the work threw (the delivery is then not marked processed)
   */
  default boolean processOnce(String deliveryId, Work work) throws Exception {
    if (!tryClaim(deliveryId)) {
      return false;
    }
    try {
      work.run();
    } catch (Exception | Error e) {
      release(deliveryId);
      throw e;
    }
    complete(deliveryId);
    return true;
  }

  /** Processing of one delivery, for {@link #processOnce}. */
  @FunctionalInterface
  interface Work {

    /**
     * Processes the delivery.
     *
     * @throws Exception if processing failed
     */
    void run() throws Exception;
  }
}
