package com.verk.sdk;

import java.util.List;

/**
 * One page of a list response. Pass {@link #nextCursor()} to the same list call for the next page.
 *
 * @param data the items of this page
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> data, String nextCursor) {

  /**
   * Tells whether there is a next page.
   *
   * @return {@code true} if {@link #nextCursor()} is set
   */
  public boolean hasMore() {
    return nextCursor != null;
  }
}
