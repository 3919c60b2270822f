package com.verk.server.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signing secrets at rest: AES-256-GCM under the operator's key, stored as {@code $vk1$<key
 * id>$<base64url(nonce ‖ ciphertext ‖ tag)>}. The key id (the first 8 hex digits of the key's
 * SHA-256) names the key a row was sealed with, so that rows sealed under the previous key stay
 * readable while {@link SecretReencryption} moves them to the current one. A value without the
 * prefix is a secret stored before encryption (or on PostgreSQL without a key) and is read as it
 * is.
 *
 * <p>The delivery engine turns the stored column into the secret with {@link #reveal(String)}.
 */
public final class SecretCipher {

  static final String PREFIX = "$vk1$";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Key current;
  private final Map<String, Key> keys;

  private record Key(String id, SecretKeySpec spec) {}

  private SecretCipher(byte[] current, byte[]... readable) {
    this.keys = new LinkedHashMap<>();
    this.current = current == null ? null : key(current);
    if (this.current != null) {
      keys.put(this.current.id(), this.current);
    }
    for (byte[] bytes : readable) {
      if (bytes != null) {
        Key key = key(bytes);
        keys.putIfAbsent(key.id(), key);
      }
    }
  }

  /** Seals under {@code current} and reads rows sealed under any of the keys given. */
  public static SecretCipher of(byte[] current, byte[]... readable) {
    return new SecretCipher(current, readable);
  }

  /** No key: secrets are stored as written (PostgreSQL without VERK_SECRETS_KEY). */
  public static SecretCipher unencrypted() {
    return new SecretCipher(null);
  }

  /** Whether new secrets are encrypted. */
  public boolean encrypts() {
    return current != null;
  }

  /** The id of the key new secrets are sealed with, or null when they are not encrypted. */
  public String currentKeyId() {
    return current == null ? null : current.id();
  }

  /** The value to store for {@code secret}: sealed under the current key, if there is one. */
  public String seal(String secret) {
    if (secret == null || current == null) {
      return secret;
    }
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(current.id().getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return PREFIX
          + current.id()
          + "$"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt a webhook secret", e);
    }
  }

  /**
   * The secret a stored column value holds: decrypted when sealed, as it is when stored before
   * encryption, null for null. A row sealed under a key this node does not have fails loudly.
   */
  public String reveal(String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      return stored;
    }
    int dollar = stored.indexOf('$', PREFIX.length());
    if (dollar < 0) {
      throw new IllegalStateException("A stored webhook secret is malformed");
    }
    String id = stored.substring(PREFIX.length(), dollar);
    Key key = keys.get(id);
    if (key == null) {
      throw new IllegalStateException(
          "A webhook secret is encrypted under key "
              + id
              + ", which is neither VERK_SECRETS_KEY nor VERK_SECRETS_KEY_PREVIOUS");
    }
    try {
      byte[] in = Base64.getUrlDecoder().decode(stored.substring(dollar + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(id.getBytes(StandardCharsets.US_ASCII));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("A webhook secret under key " + id + " cannot be read", e);
    }
  }

  /** Whether a stored value is sealed under the current key (or, without a key, plain). */
  boolean isCurrent(String stored) {
    if (stored == null) {
      return true;
    }
    if (current == null) {
      return !stored.startsWith(PREFIX);
    }
    return stored.startsWith(PREFIX + current.id() + "$");
  }

  /** Reads an operator key: base64 (standard or URL-safe) of exactly 32 bytes. */
  static byte[] decodeKey(String variable, String base64) {
    byte[] key;
    try {
      String text = base64.trim();
      key =
          text.indexOf('-') >= 0 || text.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(text)
              : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          variable + " is not valid base64; generate a key with: openssl rand -base64 32");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(
          variable
              + " must be the base64 of 32 bytes (AES-256), not "
              + key.length
              + "; generate one with: openssl rand -base64 32");
    }
    return key;
  }

  static String keyId(byte[] key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key);
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Key key(byte[] bytes) {
    return new Key(keyId(bytes), new SecretKeySpec(bytes, "AES"));
  }
}
