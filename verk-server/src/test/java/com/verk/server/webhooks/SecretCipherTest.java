package com.verk.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  static final byte[] K1 = key(1);
  static final byte[] K2 = key(2);

  static byte[] key(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * 31 + i);
    }
    return key;
  }

  @Test
  void a_sealed_secret_names_its_key_hides_the_secret_and_reads_back() {
    SecretCipher cipher = SecretCipher.of(K1);

    String stored = cipher.seal("whsec_plain-secret-value");

    assertThat(stored)
        .startsWith("$vk1$" + SecretCipher.keyId(K1) + "$")
        .doesNotContain("plain-secret-value");
    assertThat(cipher.seal("whsec_plain-secret-value")).as("a fresh nonce").isNotEqualTo(stored);
    assertThat(cipher.reveal(stored)).isEqualTo("whsec_plain-secret-value");
    assertThat(cipher.isCurrent(stored)).isTrue();
  }

  @Test
  void rows_under_the_previous_key_stay_readable_and_others_fail_loudly() {
    String underOld = SecretCipher.of(K1).seal("old-secret-0000000");
    SecretCipher rotated = SecretCipher.of(K2, K1);

    assertThat(rotated.reveal(underOld)).isEqualTo("old-secret-0000000");
    assertThat(rotated.isCurrent(underOld)).isFalse();
    assertThatThrownBy(() -> SecretCipher.of(K2).reveal(underOld))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(SecretCipher.keyId(K1))
        .hasMessageContaining("VERK_SECRETS_KEY_PREVIOUS");
  }

  @Test
  void a_tampered_row_is_refused() {
    SecretCipher cipher = SecretCipher.of(K1);
    String stored = cipher.seal("tamper-proof-secret");
    int at = stored.length() - 12;
    char c = stored.charAt(at);
    String tampered = stored.substring(0, at) + (c == 'A' ? 'B' : 'A') + stored.substring(at + 1);

    assertThatThrownBy(() -> cipher.reveal(tampered)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void secrets_stored_before_encryption_are_read_as_they_are_and_null_stays_null() {
    assertThat(SecretCipher.of(K1).reveal("legacy-plain-secret")).isEqualTo("legacy-plain-secret");
    assertThat(SecretCipher.of(K1).reveal(null)).isNull();
    assertThat(SecretCipher.unencrypted().seal("kept-as-written")).isEqualTo("kept-as-written");
    assertThat(SecretCipher.unencrypted().encrypts()).isFalse();
  }

  @Test
  void an_operator_key_must_be_base64_of_exactly_32_bytes() {
    String good = Base64.getEncoder().encodeToString(K1);

    assertThat(SecretCipher.decodeKey("VERK_SECRETS_KEY", good)).isEqualTo(K1);
    assertThat(
            SecretCipher.decodeKey(
                "VERK_SECRETS_KEY", Base64.getUrlEncoder().withoutPadding().encodeToString(K1)))
        .isEqualTo(K1);
    assertThatThrownBy(() -> SecretCipher.decodeKey("VERK_SECRETS_KEY", "not base64!"))
        .hasMessageContaining("VERK_SECRETS_KEY")
        .hasMessageContaining("base64");
    assertThatThrownBy(
            () ->
                SecretCipher.decodeKey(
                    "VERK_SECRETS_KEY", Base64.getEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("32 bytes");
  }
}
