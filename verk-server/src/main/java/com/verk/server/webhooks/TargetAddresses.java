package com.verk.server.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Which addresses a webhook may never reach unless private targets are allowed: loopback, private,
 * link-local (cloud metadata lives at 169.254.169.254), carrier-grade NAT, unique-local IPv6,
 * multicast and the unspecified address. Used when a URL is saved (IP literals and names like
 * {@code localhost}) and again by the delivery engine for every resolved address, at connect time,
 * so that DNS rebinding cannot smuggle a private target in.
 */
public final class TargetAddresses {

  private TargetAddresses() {}

  /** Whether {@code address} is one that webhooks must not reach. */
  public static boolean isBlocked(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // "this" network
          || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240; // reserved and broadcast
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return true; // unique local fc00::/7
      }
      if (isIpv4Mapped(b)) {
        try {
          byte[] v4 = {b[12], b[13], b[14], b[15]};
          return isBlocked(InetAddress.getByAddress(v4));
        } catch (java.net.UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }

  /** Host names that always mean this machine or its metadata service, before any lookup. */
  public static boolean isBlockedName(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.equals("metadata.google.internal")
        || h.equals("metadata")
        || h.endsWith(".internal") && h.startsWith("metadata");
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
