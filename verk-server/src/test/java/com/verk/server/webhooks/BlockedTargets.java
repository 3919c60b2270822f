package com.verk.server.webhooks;

import java.util.List;

/**
 * Every address form the SSRF rule must refuse, and public ones it must let through; shared by the
 * tests of the rule itself, of saving a URL and of connecting (delivery).
 */
public final class BlockedTargets {

  private BlockedTargets() {}

  /** IP literals (as written in a URL host, IPv6 without brackets) that are never reachable. */
  public static final List<String> BLOCKED =
      List.of(
          // IPv4
          "0.0.0.0",
          "0.1.2.3",
          "127.0.0.1",
          "127.255.255.254",
          "10.1.2.3",
          "172.16.5.4",
          "172.31.255.255",
          "192.168.0.10",
          "169.254.169.254",
          "100.64.0.1",
          "100.127.255.254",
          "192.0.0.8",
          "192.0.2.10",
          "198.18.0.1",
          "198.19.255.254",
          "198.51.100.7",
          "203.0.113.9",
          "224.0.0.1",
          "239.255.255.250",
          "240.0.0.1",
          "255.255.255.255",
          // IPv6
          "::",
          "::1",
          "fe80::1",
          "fec0::1",
          "fc00::1",
          "fd12:3456::1",
          "ff02::1",
          "2001:db8::1",
          "3fff::1",
          "100::1",
          // IPv6 embedding a blocked IPv4 address
          "::ffff:127.0.0.1",
          "::ffff:7f00:1",
          "::ffff:a9fe:a9fe",
          "::127.0.0.1",
          "::7f00:1",
          "::a00:1",
          "::ffff:0:7f00:1",
          "::ffff:0:a9fe:a9fe",
          "64:ff9b::7f00:1",
          "64:ff9b::a9fe:a9fe",
          "64:ff9b::10.0.0.1",
          "64:ff9b:1::a9fe:a9fe",
          "64:ff9b:1:ffff::1",
          "2002:7f00:1::",
          "2002:a9fe:a9fe::1",
          "2002:c0a8:1::1",
          // Teredo: server 65.54.227.120, client 127.0.0.1 (stored inverted: 80ff:fffe)
          "2001:0:4136:e378:8000:63bf:80ff:fffe",
          // Teredo: server 10.0.0.1, client 8.8.8.8
          "2001:0:a00:1:8000:63bf:f7f7:f7f7",
          // ISATAP with an embedded 10.0.0.1
          "2001:4860::5efe:a00:1");

  /** Public addresses in the same notations, which must stay reachable. */
  public static final List<String> ALLOWED =
      List.of(
          "93.184.216.34",
          "8.8.8.8",
          "2606:2800:220:1::",
          "::ffff:8.8.8.8",
          "64:ff9b::808:808",
          "2002:808:808::1",
          // Teredo: server 65.54.227.120, client 8.8.8.8
          "2001:0:4136:e378:8000:63bf:f7f7:f7f7");
}
