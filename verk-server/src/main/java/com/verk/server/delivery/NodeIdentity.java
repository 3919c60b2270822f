package com.verk.server.delivery;

import com.verk.server.system.Ids;
import java.net.InetAddress;
import java.util.Locale;

/**
 * This node's name in leases, logs and metrics: {@code verk.node-id} when set, else the host name
 * plus a short random suffix, so that a restarted process never mistakes an old lease for its own.
 */
final class NodeIdentity {

  private NodeIdentity() {}

  static String resolve(String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "verk";
    }
    String clean = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    return clean + "-" + Ids.random(6).toLowerCase(Locale.ROOT);
  }
}
