package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.webhooks.SecretCipher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RevealedSecretsTest {

  @Test
  void a_stored_secret_is_decrypted_once_and_a_rotated_one_is_never_served_stale() {
    SecretCipher cipher = SecretCipher.of(new byte[32]);
    List<String> decrypted = new ArrayList<>();
    Function<String, String> reveal =
        DeliveryEngine.revealing(
            stored -> {
              decrypted.add(stored);
              return cipher.reveal(stored);
            });
    String first = cipher.seal("whsec_first");
    String rotated = cipher.seal("whsec_rotated");

    assertThat(reveal.apply(first)).isEqualTo("whsec_first");
    assertThat(reveal.apply(first)).isEqualTo("whsec_first");
    assertThat(reveal.apply(rotated)).isEqualTo("whsec_rotated");
    assertThat(reveal.apply(null)).isNull();

    assertThat(decrypted).containsExactly(first, rotated);
  }
}
