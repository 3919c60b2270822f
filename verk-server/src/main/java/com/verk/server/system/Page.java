package com.verk.server.system;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of a list, the shape of every list response: the items and the cursor of the next page,
 * null on the last one.
 */
public record Page<T>(
    List<T> data,
    @Schema(
            description = "Pass as ?cursor= for the next page; null on the last page",
            example = "MTcwNTMxNTAwMDAwMDp3ZWJob29rXzNrVHpRbThZcDJMeFcwYUJjRGVGZ0hpSg",
            requiredMode = Schema.RequiredMode.REQUIRED,
            nullable = true,
            types = {"string", "null"})
        String nextCursor) {

  public Page {
    data = List.copyOf(data);
  }

  /** The same page with each item turned into {@code view}. */
  public <R> Page<R> map(java.util.function.Function<? super T, R> view) {
    return new Page<>(data.stream().<R>map(view).toList(), nextCursor);
  }
}
