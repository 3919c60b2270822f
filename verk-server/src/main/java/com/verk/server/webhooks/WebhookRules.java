package com.verk.server.webhooks;

import com.verk.server.events.EventType;
import com.verk.server.system.ApiException.FieldError;
import com.verk.server.system.VerkProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a webhook may contain. Each check adds to a list of field errors, so that one 400 names
 * every problem at once. Nothing here resolves DNS: a name that does not resolve yet is accepted,
 * since the delivery engine checks the resolved address at connect time anyway.
 */
final class WebhookRules {

  static final int MAX_URL = 2048;
  static final int MIN_SECRET = 16;
  static final int MAX_SECRET = 256;
  static final int MAX_DESCRIPTION = 500;
  static final int MAX_RATE_LIMIT = 10_000;

  // A host made only of numbers (decimal or hex) is an IP address in some notation; no real DNS
  // name ends in a numeric label, so anything but the canonical dotted quad is refused outright.
  private static final Pattern NUMERIC_HOST =
      Pattern.compile("^(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?$");
  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");

  private final boolean allowHttp;
  private final boolean allowPrivateTargets;

  WebhookRules(VerkProperties.Webhooks properties) {
    this.allowHttp = properties.allowHttp();
    this.allowPrivateTargets = properties.allowPrivateTargets();
  }

  void url(String url, List<FieldError> errors) {
    String problem = urlProblem(url);
    if (problem != null) {
      errors.add(new FieldError("url", problem));
    }
  }

  private String urlProblem(String url) {
    if (url == null || url.isBlank()) {
      return "is required";
    }
    if (url.length() > MAX_URL) {
      return "must be at most " + MAX_URL + " characters";
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "is not a valid URL";
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !("https".equals(scheme) || (allowHttp && "http".equals(scheme)))) {
      return allowHttp ? "must use https or http" : "must use https";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not contain user info";
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return "must have a host";
    }
    if (uri.getRawFragment() != null) {
      return "must not have a fragment";
    }
    if (!allowPrivateTargets && blockedHost(uri.getHost())) {
      return "must not point at a loopback, private, link-local or metadata address";
    }
    return null;
  }

  private static boolean blockedHost(String rawHost) {
    String host = rawHost.toLowerCase(Locale.ROOT);
    if (TargetAddresses.isBlockedName(host)) {
      return true;
    }
    try {
      if (host.startsWith("[")) {
        // An IPv6 literal: getByName parses it without any lookup.
        return TargetAddresses.isBlocked(InetAddress.getByName(host));
      }
      if (NUMERIC_HOST.matcher(host).matches()) {
        if (!DOTTED_QUAD.matcher(host).matches()) {
          return true;
        }
        String[] parts = host.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return TargetAddresses.isBlocked(InetAddress.getByAddress(bytes));
      }
    } catch (UnknownHostException e) {
      return true;
    }
    return false;
  }

  /** The subscribed types, duplicates collapsed, in catalog order; errors name the bad entry. */
  Set<EventType> events(List<String> events, List<FieldError> errors) {
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    if (events == null) {
      errors.add(new FieldError("events", "is required"));
      return types;
    }
    if (events.isEmpty()) {
      errors.add(new FieldError("events", "must list at least one event type"));
      return types;
    }
    for (int i = 0; i < events.size(); i++) {
      String name = events.get(i);
      var type =
          name == null ? java.util.Optional.<EventType>empty() : EventType.fromWireName(name);
      if (type.isEmpty()) {
        errors.add(
            new FieldError(
                "events[" + i + "]",
                "'" + name + "' is not a known event type (see GET /v1/event-types)"));
      } else {
        types.add(type.get());
      }
    }
    return types;
  }

  void secret(String secret, List<FieldError> errors) {
    if (secret == null) {
      return;
    }
    if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
      errors.add(
          new FieldError(
              "secret", "must be between " + MIN_SECRET + " and " + MAX_SECRET + " characters"));
    } else if (secret.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError("secret", "must not contain control characters"));
    } else if (secret.startsWith(SecretCipher.PREFIX)) {
      errors.add(
          new FieldError("secret", "must not start with " + SecretCipher.PREFIX + " (reserved)"));
    }
  }

  void description(String description, List<FieldError> errors) {
    if (description != null && description.length() > MAX_DESCRIPTION) {
      errors.add(
          new FieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
    }
  }

  /** Attempts per second: null (unchanged, or none on create), 0 (none) or 1 to 10000. */
  void rateLimit(Integer rateLimit, List<FieldError> errors) {
    if (rateLimit != null && (rateLimit < 0 || rateLimit > MAX_RATE_LIMIT)) {
      errors.add(
          new FieldError(
              "rateLimit",
              "must be between 1 and "
                  + MAX_RATE_LIMIT
                  + " attempts per second (0 or null: no limit)"));
    }
  }

  static List<FieldError> errors() {
    return new ArrayList<>();
  }
}
