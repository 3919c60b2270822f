package com.verk.server.system;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two egress settings, checked at startup: {@code VERK_WEBHOOKS_PROXY} (an {@code
 * http://host:port} forward proxy every delivery goes through) and {@code VERK_WEBHOOKS_EGRESS_IPS}
 * (the addresses customers should allow, IPs or CIDR blocks). A bad value stops the server with a
 * message naming the variable.
 */
public final class EgressSettings {

  /** Where the proxy is. */
  public record Proxy(String host, int port) {}

  private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

  private EgressSettings() {}

  /** Parses {@code http://host:port}; anything else is refused. */
  public static Proxy proxy(String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw invalidProxy(value, "not a URL");
    }
    if (!"http".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
      throw invalidProxy(
          value, "the scheme must be http (an HTTP proxy; https targets use CONNECT)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalidProxy(value, "it has no host");
    }
    if (uri.getPort() <= 0) {
      throw invalidProxy(value, "it needs a port");
    }
    if (uri.getRawUserInfo() != null) {
      throw invalidProxy(value, "user info is not supported");
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/"))
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw invalidProxy(value, "it must not have a path, query or fragment");
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new Proxy(host, uri.getPort());
  }

  private static IllegalArgumentException invalidProxy(String value, String why) {
    return new IllegalArgumentException(
        "VERK_WEBHOOKS_PROXY must look like http://host:port (" + why + ")");
  }

  /** The list as given (trimmed, blanks dropped), each entry an IP address or a CIDR block. */
  public static List<String> egressIps(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values == null) {
      return List.of();
    }
    for (String raw : values) {
      String value = raw == null ? "" : raw.trim();
      if (value.isEmpty()) {
        continue;
      }
      if (!isAddressOrBlock(value)) {
        throw new IllegalArgumentException(
            "VERK_WEBHOOKS_EGRESS_IPS: '"
                + value
                + "' is neither an IP address nor a CIDR block (e.g. 203.0.113.7 or"
                + " 203.0.113.0/28)");
      }
      out.add(value);
    }
    return List.copyOf(out);
  }

  private static boolean isAddressOrBlock(String value) {
    int slash = value.indexOf('/');
    String address = slash < 0 ? value : value.substring(0, slash);
    // Only literals: a host name must never cause a DNS lookup here.
    if (address.isEmpty()
        || !address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
      return false;
    }
    boolean v6 = address.indexOf(':') >= 0;
    if (!v6 && !address.matches(OCTET + "(\\." + OCTET + "){3}")) {
      return false;
    }
    InetAddress parsed;
    try {
      parsed = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      return false;
    }
    int bits = parsed.getAddress().length * 8;
    if (!v6 && parsed.getAddress().length != 4) {
      return false;
    }
    if (slash < 0) {
      return true;
    }
    String prefix = value.substring(slash + 1);
    if (!prefix.matches("\\d{1,3}")) {
      return false;
    }
    int n = Integer.parseInt(prefix);
    return n >= 0 && n <= bits;
  }
}
