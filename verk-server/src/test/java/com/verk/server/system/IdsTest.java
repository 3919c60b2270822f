package com.verk.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void ids_carry_their_prefix_and_24_base62_characters() {
    assertThat(Ids.next("delivery")).matches("delivery_[0-9A-Za-z]{24}");
  }

  @Test
  void ids_made_later_sort_after_earlier_ones_so_inserts_append_to_indexes() {
    String first = Ids.next("evt");
    long start = System.currentTimeMillis();
    // Wait for the clock to move on (at most a few milliseconds), then compare.
    while (System.currentTimeMillis() <= start) {
      Thread.onSpinWait();
    }
    String later = Ids.next("evt");
    assertThat(later).isGreaterThan(first);
    assertThat(later.substring(4, 12)).isGreaterThanOrEqualTo(first.substring(4, 12));
  }

  @Test
  void the_random_part_differs_between_ids_of_the_same_millisecond() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Ids.next("att"));
    }
    assertThat(new HashSet<>(ids)).hasSize(ids.size());
    assertThat(new HashSet<>(ids.stream().map(id -> id.substring(12)).toList()))
        .hasSize(ids.size());
  }
}
