package com.verk.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one pagination helper every list uses, and its one set of messages. */
class PagesTest {

  record Item(long createdAt, String id) {}

  @Test
  void a_cursor_survives_the_round_trip_and_points_after_the_last_item_shown() {
    List<Item> rows = List.of(new Item(1, "a"), new Item(2, "b"), new Item(3, "c"));

    Page<String> page = Pages.page(rows, 2, i -> new Pages.Cursor(i.createdAt(), i.id()), Item::id);

    assertThat(page.data()).containsExactly("a", "b");
    assertThat(Pages.Cursor.decode(page.nextCursor())).isEqualTo(new Pages.Cursor(2, "b"));
  }

  @Test
  void the_last_page_has_no_next_cursor() {
    Page<String> page =
        Pages.page(
            List.of(new Item(1, "a")), 2, i -> new Pages.Cursor(i.createdAt(), i.id()), Item::id);

    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void no_cursor_starts_at_the_beginning() {
    assertThat(Pages.Cursor.decode(null).isStart()).isTrue();
    assertThat(Pages.Cursor.decode("").isStart()).isTrue();
    assertThat(new Pages.Cursor(5, "x").isStart()).isFalse();
  }

  @Test
  void a_cursor_that_is_not_ours_is_a_validation_problem_naming_cursor() {
    for (String bad : List.of("%%%", "bm8tc2VwYXJhdG9y", "MTI6", "eDph")) {
      assertThatThrownBy(() -> Pages.Cursor.decode(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.code()).isEqualTo("validation_failed");
                assertThat(e.errors())
                    .containsExactly(
                        new ApiException.FieldError("cursor", "is not a cursor this API returned"));
              });
    }
  }

  @Test
  void a_limit_outside_1_to_100_is_a_validation_problem_naming_limit() {
    assertThat(Pages.limit(null)).isEqualTo(20);
    assertThat(Pages.limit(100)).isEqualTo(100);
    for (int bad : new int[] {0, 101, -1}) {
      assertThatThrownBy(() -> Pages.limit(bad))
          .isInstanceOfSatisfying(
              ApiException.class,
              e ->
                  assertThat(e.errors())
                      .containsExactly(
                          new ApiException.FieldError("limit", "must be between 1 and 100")));
    }
  }
}
