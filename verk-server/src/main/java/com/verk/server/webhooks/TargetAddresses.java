package com.verk.server.webhooks;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * The SSRF rule: which addresses a webhook may never reach unless private targets are allowed.
 * Addresses are classified with the IPAddress library, not by hand:
 *
 * <ul>
 *   <li>IPv4: {@code 0.0.0.0/8}, loopback, private (RFC 1918), link-local (cloud metadata lives at
 *       169.254.169.254), CGNAT {@code 100.64.0.0/10}, IETF protocol assignments {@code
 *       192.0.0.0/24}, benchmarking {@code 198.18.0.0/15}, documentation ({@code 192.0.2.0/24},
 *       {@code 198.51.100.0/24}, {@code 203.0.113.0/24}), multicast, reserved {@code 240.0.0.0/4}
 *       and broadcast;
 *   <li>IPv6: unspecified, loopback, link-local, site-local, unique-local {@code fc00::/7},
 *       multicast, documentation {@code 2001:db8::/32} and {@code 3fff::/20}, discard-only {@code
 *       100::/64}, local-use NAT64 {@code 64:ff9b:1::/48};
 *   <li>every IPv6 form that embeds an IPv4 address is judged by the IPv4 address inside: mapped
 *       {@code ::ffff:0:0/96}, translated {@code ::ffff:0:0:0/96}, compatible {@code ::/96}, NAT64
 *       {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo {@code 2001::/32} (server and client)
 *       and ISATAP.
 * </ul>
 *
 * Used when a URL is saved (IP literals and names like {@code localhost}) and again by the delivery
 * engine for every resolved address at connect time, so that DNS rebinding cannot smuggle a private
 * target in.
 */
public final class TargetAddresses {

  private static final List<IPAddress> BLOCKED_V4 =
      subnets(
          "0.0.0.0/8",
          "10.0.0.0/8",
          "100.64.0.0/10",
          "127.0.0.0/8",
          "169.254.0.0/16",
          "172.16.0.0/12",
          "192.0.0.0/24",
          "192.0.2.0/24",
          "192.168.0.0/16",
          "198.18.0.0/15",
          "198.51.100.0/24",
          "203.0.113.0/24",
          "224.0.0.0/4",
          "240.0.0.0/4");

  private static final List<IPAddress> BLOCKED_V6 =
      subnets(
          "::/128",
          "::1/128",
          "100::/64",
          "64:ff9b:1::/48",
          "2001:db8::/32",
          "3fff::/20",
          "fc00::/7",
          "fe80::/10",
          "fec0::/10",
          "ff00::/8");

  private static final IPAddress TRANSLATED = subnet("::ffff:0:0:0/96");
  private static final IPAddress COMPATIBLE = subnet("::/96");

  private TargetAddresses() {}

  /** Whether {@code address} is one that webhooks must not reach. */
  public static boolean isBlocked(InetAddress address) {
    if (address instanceof Inet4Address v4) {
      return isBlocked(new IPv4Address(v4));
    }
    if (address instanceof Inet6Address v6) {
      return isBlocked(new IPv6Address(v6.getAddress()));
    }
    return true;
  }

  private static boolean isBlocked(IPv4Address v4) {
    return v4.isLoopback()
        || v4.isAnyLocal()
        || v4.isLinkLocal()
        || v4.isPrivate()
        || v4.isMulticast()
        || BLOCKED_V4.stream().anyMatch(net -> net.contains(v4));
  }

  private static boolean isBlocked(IPv6Address v6) {
    if (v6.isLoopback()
        || v6.isAnyLocal()
        || v6.isLinkLocal()
        || v6.isSiteLocal()
        || v6.isUniqueLocal()
        || v6.isMulticast()
        || BLOCKED_V6.stream().anyMatch(net -> net.contains(v6))) {
      return true;
    }
    if (v6.isIPv4Mapped()
        || v6.isIPv4Compatible()
        || COMPATIBLE.contains(v6)
        || TRANSLATED.contains(v6)
        || v6.isWellKnownIPv4Translatable()
        || isIsatap(v6)) {
      return isBlocked(v6.getEmbeddedIPv4Address());
    }
    if (v6.is6To4()) {
      return isBlocked(v6.get6To4IPv4Address());
    }
    if (v6.isTeredo()) {
      // 2001:0:SSSS:SSSS:flags:port:CCCC:CCCC; the client's address is stored inverted.
      IPv4Address server = v6.getEmbeddedIPv4Address(4);
      IPv4Address client = new IPv4Address(~v6.getEmbeddedIPv4Address().intValue());
      return isBlocked(server) || isBlocked(client);
    }
    return false;
  }

  /**
   * ISATAP (RFC 5214) under any prefix: the interface identifier {@code 0:5efe:a.b.c.d} or {@code
   * 200:5efe:a.b.c.d}. The library's own test knows only the link-local prefix.
   */
  private static boolean isIsatap(IPv6Address v6) {
    return v6.isIsatap()
        || ((v6.getSegment(4).getSegmentValue() & 0xfcff) == 0
            && v6.getSegment(5).getSegmentValue() == 0x5efe);
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

  private static List<IPAddress> subnets(String... cidrs) {
    return java.util.Arrays.stream(cidrs).map(TargetAddresses::subnet).toList();
  }

  private static IPAddress subnet(String cidr) {
    return new IPAddressString(cidr).getAddress().toPrefixBlock();
  }
}
