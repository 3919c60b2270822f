package com.verk.sdk;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.verk.sdk.WebhookVerificationException.Reason;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The two signature schemes Verk sends, checked against every configured key. */
final class SignatureChecks {

  static final String VERK_SIGNATURE = "X-Verk-Signature";
  static final String VERK_SIGNATURE_PREVIOUS = "X-Verk-Signature-Previous";
  static final String WEBHOOK_ID = "webhook-id";
  static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
  static final String WEBHOOK_SIGNATURE = "webhook-signature";
  private static final int SHA256_BYTES = 32;

  private final SigningKeys keys;
  private final Duration tolerance;
  private final Clock clock;

  SignatureChecks(SigningKeys keys, Duration tolerance, Clock clock) {
    this.keys = keys;
    this.tolerance = tolerance;
    this.clock = clock;
  }

  void verkSignature(byte[] body, Headers headers) throws WebhookVerificationException {
    List<byte[]> signatures = new ArrayList<>();
    String current = headers.first(VERK_SIGNATURE);
    if (current == null) {
      throw new WebhookVerificationException(
          Reason.MISSING_HEADER, "Missing header " + VERK_SIGNATURE);
    }
    signatures.add(parseVerkSignature(VERK_SIGNATURE, current));
    for (String previous : headers.values(VERK_SIGNATURE_PREVIOUS)) {
      signatures.add(parseVerkSignature(VERK_SIGNATURE_PREVIOUS, previous));
    }
    for (byte[] key : keys.keys()) {
      byte[] expected = SigningKeys.hmacSha256(key, body);
      for (byte[] signature : signatures) {
        if (MessageDigest.isEqual(expected, signature)) {
          return;
        }
      }
    }
    throw new WebhookVerificationException(
        Reason.MISMATCH,
        VERK_SIGNATURE
            + " does not match the body with any configured secret"
            + " (check the secret, and that the raw body bytes are verified, not re-serialised JSON)");
  }

  private static byte[] parseVerkSignature(String header, String value)
      throws WebhookVerificationException {
    if (!value.startsWith("sha256=") || value.length() != "sha256=".length() + 2 * SHA256_BYTES) {
      throw new WebhookVerificationException(
          Reason.BAD_FORMAT, header + " must look like sha256=<64 hex digits>");
    }
    try {
      return HexFormat.of().parseHex(value.substring("sha256=".length()));
    } catch (IllegalArgumentException e) {
      throw new WebhookVerificationException(
          Reason.BAD_FORMAT, header + " must look like sha256=<64 hex digits>");
    }
  }

  void standardWebhooks(byte[] body, Headers headers) throws WebhookVerificationException {
    String id = required(headers, WEBHOOK_ID);
    String timestamp = required(headers, WEBHOOK_TIMESTAMP);
    String signatureHeader = String.join(" ", headers.values(WEBHOOK_SIGNATURE));
    if (signatureHeader.isEmpty()) {
      throw new WebhookVerificationException(
          Reason.MISSING_HEADER, "Missing header " + WEBHOOK_SIGNATURE);
    }
    long seconds = parseTimestamp(timestamp);
    List<byte[]> signatures = parseStandardSignatures(signatureHeader);
    byte[] dot = {'.'};
    boolean matched = false;
    for (byte[] key : keys.keys()) {
      byte[] expected =
          SigningKeys.hmacSha256(
              key, id.getBytes(UTF_8), dot, timestamp.getBytes(UTF_8), dot, body);
      for (byte[] signature : signatures) {
        matched |= MessageDigest.isEqual(expected, signature);
      }
    }
    if (!matched) {
      throw new WebhookVerificationException(
          Reason.MISMATCH,
          WEBHOOK_SIGNATURE
              + " does not match webhook-id, webhook-timestamp and the body with any configured"
              + " secret");
    }
    checkTolerance(seconds);
  }

  private static String required(Headers headers, String name) throws WebhookVerificationException {
    String value = headers.first(name);
    if (value == null) {
      throw new WebhookVerificationException(Reason.MISSING_HEADER, "Missing header " + name);
    }
    return value;
  }

  private static long parseTimestamp(String value) throws WebhookVerificationException {
    if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
      throw new WebhookVerificationException(
          Reason.BAD_FORMAT, WEBHOOK_TIMESTAMP + " must be whole seconds since the epoch");
    }
    return Long.parseLong(value);
  }

  private static List<byte[]> parseStandardSignatures(String header)
      throws WebhookVerificationException {
    List<byte[]> signatures = new ArrayList<>();
    for (String entry : header.trim().split("\\s+")) {
      int comma = entry.indexOf(',');
      if (comma < 0) {
        throw new WebhookVerificationException(
            Reason.BAD_FORMAT, WEBHOOK_SIGNATURE + " entries must look like v1,<base64>");
      }
      // Other versions (e.g. asymmetric v1a) are for other verifiers; skip them.
      if (!entry.substring(0, comma).equals("v1")) {
        continue;
      }
      try {
        signatures.add(Base64.getDecoder().decode(entry.substring(comma + 1)));
      } catch (IllegalArgumentException e) {
        throw new WebhookVerificationException(
            Reason.BAD_FORMAT, WEBHOOK_SIGNATURE + " has a v1 entry that is not base64");
      }
    }
    if (signatures.isEmpty()) {
      throw new WebhookVerificationException(
          Reason.BAD_FORMAT, WEBHOOK_SIGNATURE + " has no v1,<base64> entry");
    }
    return signatures;
  }

  private void checkTolerance(long seconds) throws WebhookVerificationException {
    long now = clock.instant().getEpochSecond();
    long allowed = tolerance.getSeconds();
    if (seconds < now - allowed) {
      throw new WebhookVerificationException(
          Reason.TIMESTAMP_TOO_OLD,
          WEBHOOK_TIMESTAMP
              + " is "
              + (now - seconds)
              + "s in the past, more than the tolerance of "
              + allowed
              + "s (a replayed request, or a clock that is off)");
    }
    if (seconds > now + allowed) {
      throw new WebhookVerificationException(
          Reason.TIMESTAMP_TOO_NEW,
          WEBHOOK_TIMESTAMP
              + " is "
              + (seconds - now)
              + "s in the future, more than the tolerance of "
              + allowed
              + "s (check this machine's clock)");
    }
  }
}
