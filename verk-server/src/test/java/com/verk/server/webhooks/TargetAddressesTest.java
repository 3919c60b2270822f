package com.verk.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class TargetAddressesTest {

  private static InetAddress parse(String literal) {
    try {
      // A literal is parsed without a lookup.
      return InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(literal, e);
    }
  }

  @Test
  void every_private_special_and_embedded_form_is_blocked() {
    for (String literal : BlockedTargets.BLOCKED) {
      assertThat(TargetAddresses.isBlocked(parse(literal))).as(literal).isTrue();
    }
  }

  @Test
  void public_addresses_in_every_notation_are_allowed() {
    for (String literal : BlockedTargets.ALLOWED) {
      assertThat(TargetAddresses.isBlocked(parse(literal))).as(literal).isFalse();
    }
  }

  @Test
  void names_of_this_machine_and_of_metadata_services_are_blocked_before_any_lookup() {
    assertThat(TargetAddresses.isBlockedName("localhost")).isTrue();
    assertThat(TargetAddresses.isBlockedName("api.localhost.")).isTrue();
    assertThat(TargetAddresses.isBlockedName("metadata.google.internal")).isTrue();
    assertThat(TargetAddresses.isBlockedName("example.com")).isFalse();
  }
}
