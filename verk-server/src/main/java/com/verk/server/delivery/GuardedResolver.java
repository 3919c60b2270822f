package com.verk.server.delivery;

import com.verk.server.system.EgressSettings;
import com.verk.server.webhooks.TargetAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves a webhook's host at connect time and refuses it when any resolved address is private,
 * loopback or link-local (unless allowed). Checking the addresses the socket will actually use is
 * what defeats DNS rebinding: a name that was public when the URL was saved may not be now.
 */
final class GuardedResolver implements SocketAddressResolver {

  /** Why a target was refused; the message is what the delivery log shows. */
  static final class BlockedTargetException extends Exception {
    BlockedTargetException(String message) {
      super(message, null, false, false);
    }
  }

  private static final String HINT =
      " (blocked; set VERK_WEBHOOKS_ALLOW_PRIVATE_TARGETS for local development)";

  private final Executor executor;
  private final boolean allowPrivateTargets;
  private final String proxyHost;
  private final int proxyPort;

  GuardedResolver(Executor executor, boolean allowPrivateTargets) {
    this(executor, allowPrivateTargets, null);
  }

  /**
   * @param proxy the operator's egress proxy, or null: its own address is the operator's choice and
   *     is not checked (it may well be private); targets are checked by {@link #check} before a
   *     request is handed to it
   */
  GuardedResolver(Executor executor, boolean allowPrivateTargets, EgressSettings.Proxy proxy) {
    this.executor = executor;
    this.allowPrivateTargets = allowPrivateTargets;
    this.proxyHost = proxy == null ? null : proxy.host();
    this.proxyPort = proxy == null ? -1 : proxy.port();
  }

  /**
   * Resolves {@code host} and throws when it is (or resolves to) a blocked address: what a request
   * through the proxy is checked with, since the client then never resolves the target itself.
   * Blocking; call it off the caller's thread.
   */
  void check(String host) throws BlockedTargetException, UnknownHostException {
    if (allowPrivateTargets) {
      return;
    }
    if (TargetAddresses.isBlockedName(host)) {
      throw new BlockedTargetException("target host " + host + " is private" + HINT);
    }
    for (InetAddress address : InetAddress.getAllByName(host)) {
      if (TargetAddresses.isBlocked(address)) {
        throw new BlockedTargetException(
            "target resolves to a private address " + address.getHostAddress() + HINT);
      }
    }
  }

  @Override
  public void resolve(
      String host,
      int port,
      Map<String, Object> context,
      Promise<List<InetSocketAddress>> promise) {
    executor.execute(() -> resolveNow(host, port, promise));
  }

  private void resolveNow(String host, int port, Promise<List<InetSocketAddress>> promise) {
    try {
      boolean proxy = port == proxyPort && host.equalsIgnoreCase(proxyHost);
      if (proxy) {
        List<InetSocketAddress> result = new ArrayList<>();
        for (InetAddress address : InetAddress.getAllByName(host)) {
          result.add(new InetSocketAddress(address, port));
        }
        promise.succeeded(result);
        return;
      }
      if (!allowPrivateTargets && TargetAddresses.isBlockedName(host)) {
        promise.failed(new BlockedTargetException("target host " + host + " is private" + HINT));
        return;
      }
      InetAddress[] addresses = InetAddress.getAllByName(host);
      List<InetSocketAddress> result = new ArrayList<>(addresses.length);
      for (InetAddress address : addresses) {
        if (!allowPrivateTargets && TargetAddresses.isBlocked(address)) {
          promise.failed(
              new BlockedTargetException(
                  "target resolves to a private address " + address.getHostAddress() + HINT));
          return;
        }
        result.add(new InetSocketAddress(address, port));
      }
      promise.succeeded(result);
    } catch (UnknownHostException e) {
      promise.failed(new UnknownHostException("DNS lookup failed for " + host));
    } catch (RuntimeException e) {
      promise.failed(e);
    }
  }
}
