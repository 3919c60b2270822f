package com.verk.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeIdTest {

  @Test
  void a_configured_id_is_used_as_given() {
    assertThat(NodeId.resolve(" node-a ", () -> "ignored").value()).isEqualTo("node-a");
  }

  @Test
  void without_configuration_the_id_is_the_host_name_and_a_suffix_new_on_every_start() {
    NodeId first = NodeId.resolve(null, () -> "Web_01.example.com");
    NodeId second = NodeId.resolve("  ", () -> "Web_01.example.com");

    assertThat(first.value()).matches("web-01\\.example\\.com-[a-z0-9]{6}");
    assertThat(second.value()).startsWith("web-01.example.com-").isNotEqualTo(first.value());
  }

  @Test
  void a_blank_or_odd_host_name_still_gives_a_valid_id() {
    assertThat(NodeId.resolve(null, () -> "").value()).matches("verk-[a-z0-9]{6}");
    assertThat(NodeId.resolve(null, () -> "h".repeat(200)).value()).hasSize(57);
  }

  @Test
  void an_id_that_cannot_be_a_label_is_refused_naming_the_setting() {
    assertThatThrownBy(() -> NodeId.resolve("node a", () -> "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VERK_NODE_ID");
    assertThatThrownBy(() -> NodeId.resolve("n".repeat(65), () -> "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
