package com.verk.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryDeliveryDeduplicatorTest extends DeliveryDeduplicatorContract {

  @Override
  DeliveryDeduplicator deduplicator() {
    return new InMemoryDeliveryDeduplicator(1000, CLAIM_TIMEOUT, clock);
  }

  @Test
  void it_forgets_the_least_recently_used_delivery_beyond_its_bound() {
    InMemoryDeliveryDeduplicator dedup = new InMemoryDeliveryDeduplicator(2, CLAIM_TIMEOUT, clock);
    assertThat(dedup.firstTime("delivery_1")).isTrue();
    assertThat(dedup.firstTime("delivery_2")).isTrue();
    assertThat(dedup.firstTime("delivery_1")).isFalse();
    assertThat(dedup.firstTime("delivery_3")).isTrue();
    assertThat(dedup.size()).isEqualTo(2);
    assertThat(dedup.firstTime("delivery_1")).isFalse();
    assertThat(dedup.firstTime("delivery_2")).isTrue();
  }
}
