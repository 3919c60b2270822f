package com.verk.sdk;

/**
 * Filters and paging for {@link VerkClient#listDeliveries}. Every part is optional.
 *
 * <pre>{@code
 * client.listDeliveries(webhookId, DeliveryQuery.firstPage().withStatus("failed").withLimit(50));
 * }</pre>
 *
 * @param status {@code pending}, {@code succeeded}, {@code failed}, {@code skipped}, or {@code
 *     null}
 * @param event an event name, or {@code null}
 * @param limit page size 1..100, or {@code null} for the server's default (20)
 * @param cursor the {@link Page#nextCursor()} of the previous page, or {@code null}
 */
public record DeliveryQuery(String status, String event, Integer limit, String cursor) {

  /**
   * The first page, unfiltered.
   *
   * @return an empty query
   */
  public static DeliveryQuery firstPage() {
    return new DeliveryQuery(null, null, null, null);
  }

  /**
   * Filters by status.
   *
   * @param status e.g. {@code failed}
   * @return the new query
   */
  public DeliveryQuery withStatus(String status) {
    return new DeliveryQuery(status, event, limit, cursor);
  }

  /**
   * Filters by event name.
   *
   * @param event e.g. {@code task.created}
   * @return the new query
   */
  public DeliveryQuery withEvent(String event) {
    return new DeliveryQuery(status, event, limit, cursor);
  }

  /**
   * Sets the page size.
   *
   * @param limit 1..100
   * @return the new query
   */
  public DeliveryQuery withLimit(int limit) {
    return new DeliveryQuery(status, event, limit, cursor);
  }

  /**
   * Continues after a page.
   *
   * @param cursor the previous page's {@link Page#nextCursor()}
   * @return the new query
   */
  public DeliveryQuery withCursor(String cursor) {
    return new DeliveryQuery(status, event, limit, cursor);
  }
}
