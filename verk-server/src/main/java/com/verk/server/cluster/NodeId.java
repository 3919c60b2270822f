package com.verk.server.cluster;

import com.verk.server.system.Ids;
import java.net.InetAddress;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * This process's name in the cluster, resolved once at start: {@code verk.node-id} ({@code
 * VERK_NODE_ID}) when set, else the host name plus a short random suffix, so that a restarted
 * process never takes an old lease for its own. It is the lease owner of every delivery this node
 * claims, a common {@code node} tag on every metric, and a detail of {@code /actuator/health}.
 */
public record NodeId(String value) {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public NodeId {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "verk.node-id (VERK_NODE_ID) must be 1 to 64 letters, digits, '.', '_' or '-', got '"
              + value
              + "'");
    }
  }

  /** The configured id, or a generated one when {@code configured} is blank. */
  static NodeId resolve(String configured) {
    return resolve(configured, NodeId::hostName);
  }

  static NodeId resolve(String configured, Supplier<String> hostName) {
    if (configured != null && !configured.isBlank()) {
      return new NodeId(configured.trim());
    }
    String host = hostName.get().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    if (host.isEmpty() || host.length() > 50) {
      host = host.isEmpty() ? "verk" : host.substring(0, 50);
    }
    return new NodeId(host + "-" + Ids.random(6).toLowerCase(Locale.ROOT));
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "verk";
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
